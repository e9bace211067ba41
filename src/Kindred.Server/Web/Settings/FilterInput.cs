using Kindred.Data.Entities;

namespace Kindred.Server.Web.Settings;

/// <summary>A filter as posted by the filters pages: title, where it applies, what it does, when it ends, and (on
/// creation) its first keyword.</summary>
public sealed class FilterInput
{
    public string? Title { get; set; }
    public bool Home { get; set; } = true;
    public bool Notifications { get; set; } = true;
    public bool Public { get; set; } = true;
    public bool Thread { get; set; } = true;
    public bool Account { get; set; } = true;
    public FilterAction Action { get; set; }

    /// <summary>"" keeps the expiry as it is, "never" removes it, otherwise a number of seconds from now.</summary>
    public string? ExpiresIn { get; set; }
    public string? Keyword { get; set; }
    public bool WholeWord { get; set; } = true;

    public FilterContexts Contexts =>
        (Home ? FilterContexts.Home : 0) | (Notifications ? FilterContexts.Notifications : 0) | (Public ? FilterContexts.Public : 0)
        | (Thread ? FilterContexts.Thread : 0) | (Account ? FilterContexts.Account : 0);

    public static FilterInput From(Filter filter) => new()
    {
        Title = filter.Title,
        Home = filter.Contexts.HasFlag(FilterContexts.Home),
        Notifications = filter.Contexts.HasFlag(FilterContexts.Notifications),
        Public = filter.Contexts.HasFlag(FilterContexts.Public),
        Thread = filter.Contexts.HasFlag(FilterContexts.Thread),
        Account = filter.Contexts.HasFlag(FilterContexts.Account),
        Action = filter.Action,
        ExpiresIn = "",
    };
}
