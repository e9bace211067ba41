using System.Text;

namespace Kindred.Fuzz;

/// <summary>Bytes as the server would see them after decoding a request: UTF-8 with invalid sequences replaced.</summary>
public static class FuzzInput
{
    public static string Text(byte[] data) => Encoding.UTF8.GetString(data);

    /// <summary>The input cut at NUL bytes into at most <paramref name="count"/> fields (missing ones are empty).</summary>
    public static string[] Fields(byte[] data, int count)
    {
        var parts = Text(data).Split('\0', count);
        return [.. parts, .. Enumerable.Repeat("", count - parts.Length)];
    }
}
