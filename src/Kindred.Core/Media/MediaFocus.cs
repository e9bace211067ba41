using System.Globalization;
using Kindred.Core.Common;

namespace Kindred.Core.Media;

/// <summary>Mastodon's focal point: "x,y", each from -1.0 (left, bottom) to 1.0 (right, top).</summary>
public static class MediaFocus
{
    /// <returns>Null when <paramref name="value"/> is empty (leave the focus as it is).</returns>
    /// <exception cref="KindredException">Invalid when it is not two numbers between -1 and 1.</exception>
    public static (double X, double Y)? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            && x is >= -1 and <= 1 && y is >= -1 and <= 1)
        {
            return (x, y);
        }
        throw KindredException.Invalid("focus", "focus must be two numbers between -1.0 and 1.0, such as \"0.5,-0.25\".");
    }
}
