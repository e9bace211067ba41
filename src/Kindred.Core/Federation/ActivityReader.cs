using System.Text.Json;

namespace Kindred.Core.Federation;

/// <summary>Reading ActivityStreams JSON as peers write it: a property may be a string or an object with an
/// <c>id</c>, and a list may be a single value.</summary>
public static class ActivityReader
{
    public const string Public = "https://www.w3.org/ns/activitystreams#Public";

    /// <summary>A string property, or null.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    /// <summary>The id a property names: the string itself, or an embedded object's <c>id</c>.</summary>
    public static string? Id(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object => Text(value, "id"),
            _ => null,
        };
    }

    /// <summary>The ids a property lists (a single value counts as a list of one).</summary>
    public static IReadOnlyList<string> Ids(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return [];
        }
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        return [.. items.Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : Text(i, "id")).OfType<string>()];
    }

    /// <summary>Whether an addressing list (to, cc) includes the public collection, in any of its spellings.</summary>
    public static bool IsPublic(IEnumerable<string> addressed) =>
        addressed.Any(a => a is Public or "as:Public" or "Public");
}
