using System.Globalization;

namespace Kindred.Core.Common;

/// <summary>The one reading of an id from text (a route, a form, a query, a claim): the decimal digits of a snowflake
/// long (ADR 2), with no sign, spaces or separators. A text that is not one is no id at all, so it finds nothing.</summary>
public static class Ids
{
    public static bool TryParse(string? text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    public static bool TryParse(ReadOnlySpan<char> text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    public static long? Parse(string? text) => TryParse(text, out var id) ? id : null;

    /// <summary>For an optional id field: empty is none, anything else must be an id (a 422 naming the field).</summary>
    public static long? Optional(string? text, string field) =>
        string.IsNullOrEmpty(text) ? null
        : TryParse(text, out var id) ? id
        : throw KindredException.Invalid(field, $"{field} must be an id.");

    /// <summary>For an id in a route: a malformed one is a 404 like an unknown one.</summary>
    public static long ParseOrNotFound(string? text) => TryParse(text, out var id) ? id : throw KindredException.NotFound();
}
