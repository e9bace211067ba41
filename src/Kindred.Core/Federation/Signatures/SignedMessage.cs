namespace Kindred.Core.Federation.Signatures;

/// <summary>
/// The parts of an HTTP request a signature can cover, read once by the front door: the method, the scheme and
/// authority it was addressed to, the path with its query, the header fields (names case-insensitive, repeated fields
/// already joined with ", ") and the body.
/// </summary>
public sealed record SignedMessage(
    string Method,
    string Scheme,
    string Authority,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
