namespace Kindred.Core.Common;

/// <summary>The interface languages Kindred ships. Adding one means adding its .resx files and its code here.</summary>
public static class Languages
{
    public static readonly IReadOnlyList<string> Supported = ["en", "fr"];

    public static string Validate(string? code, string field)
    {
        var value = (code ?? "").Trim().ToLowerInvariant();
        if (!Supported.Contains(value))
        {
            throw KindredException.Invalid(field, "Choose English (en) or French (fr).");
        }
        return value;
    }
}
