using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Filters;

/// <summary>The wire names of contexts and actions (Mastodon docs: entities/Filter), read and written in one place for
/// the API and the settings page.</summary>
public static class FilterNames
{
    public static readonly IReadOnlyList<(string Name, FilterContexts Context)> Contexts =
    [
        ("home", FilterContexts.Home),
        ("notifications", FilterContexts.Notifications),
        ("public", FilterContexts.Public),
        ("thread", FilterContexts.Thread),
        ("account", FilterContexts.Account),
    ];

    /// <summary>Null when <paramref name="names"/> is empty (the caller decides whether that is allowed); an unknown name
    /// is refused.</summary>
    public static FilterContexts? ParseContexts(IEnumerable<string> names)
    {
        FilterContexts? result = null;
        foreach (var raw in names)
        {
            var name = raw.Trim();
            var found = Contexts.FirstOrDefault(c => c.Name == name);
            if (found.Name is null)
            {
                throw KindredException.Invalid("context", "context must be home, notifications, public, thread or account.");
            }
            result = (result ?? FilterContexts.None) | found.Context;
        }
        return result;
    }

    public static IReadOnlyList<string> Names(FilterContexts contexts) =>
        Contexts.Where(c => contexts.HasFlag(c.Context)).Select(c => c.Name).ToList();

    public static FilterAction? ParseAction(string? name) => name switch
    {
        null or "" => null,
        "warn" => FilterAction.Warn,
        "hide" => FilterAction.Hide,
        _ => throw KindredException.Invalid("filter_action", "filter_action must be warn or hide."),
    };

    public static string Name(FilterAction action) => action == FilterAction.Hide ? "hide" : "warn";
}
