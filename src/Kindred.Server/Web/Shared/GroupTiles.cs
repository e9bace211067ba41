using System.Globalization;

namespace Kindred.Server.Web.Shared;

/// <summary>
/// The initial and colour of a group's tile when it has no picture (ADR 90). The colour comes from a stable hash of
/// the name (not string.GetHashCode, which changes between processes), so a group keeps its colour.
/// </summary>
public static class GroupTiles
{
    /// <summary>How many tile colours site.css defines (.tile-0 to .tile-5), each with white text at 4.5:1 at least.</summary>
    public const int Colours = 6;

    public static string Initial(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            return "?";
        }
        // The first letter as the reader sees it (a whole grapheme, so an accented or emoji start is not cut in two).
        return StringInfo.GetNextTextElement(trimmed).ToUpper(CultureInfo.CurrentCulture);
    }

    public static int Colour(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % Colours);
    }
}
