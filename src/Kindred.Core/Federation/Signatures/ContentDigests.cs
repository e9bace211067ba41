using System.Security.Cryptography;

namespace Kindred.Core.Federation.Signatures;

/// <summary>
/// Body digests in both spellings the fediverse uses: the old <c>Digest: SHA-256=base64</c> (RFC 3230, what
/// draft-cavage signatures cover and Mastodon still sends) and <c>Content-Digest: sha-256=:base64:</c> (RFC 9530, a
/// structured-field dictionary, what RFC 9421 signatures cover).
/// </summary>
public static class ContentDigests
{
    public static string Digest(byte[] body) => "SHA-256=" + Convert.ToBase64String(SHA256.HashData(body));

    public static string ContentDigest(byte[] body) => "sha-256=:" + Convert.ToBase64String(SHA256.HashData(body)) + ":";

    /// <summary>Whether a <c>Digest</c> header names the body: every SHA-256 or SHA-512 entry must match, and at least
    /// one must be there (other algorithms are ignored, as RFC 3230 allows).</summary>
    public static bool DigestMatches(string? header, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }
        var checkedOne = false;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }
            var expected = Hash(part[..equals].Trim(), body);
            if (expected is null)
            {
                continue;
            }
            if (!SameBase64(part[(equals + 1)..].Trim(), expected))
            {
                return false;
            }
            checkedOne = true;
        }
        return checkedOne;
    }

    /// <summary>Whether a <c>Content-Digest</c> dictionary names the body, by the same rule as <see cref="DigestMatches"/>.</summary>
    public static bool ContentDigestMatches(string? header, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }
        var checkedOne = false;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }
            var value = part[(equals + 1)..].Trim();
            // A byte sequence in a structured field is base64 between colons (RFC 8941 section 3.3.5).
            if (value.Length < 2 || value[0] != ':' || value[^1] != ':')
            {
                return false;
            }
            var expected = Hash(part[..equals].Trim(), body);
            if (expected is null)
            {
                continue;
            }
            if (!SameBase64(value[1..^1], expected))
            {
                return false;
            }
            checkedOne = true;
        }
        return checkedOne;
    }

    private static byte[]? Hash(string algorithm, byte[] body) => algorithm.ToUpperInvariant() switch
    {
        "SHA-256" => SHA256.HashData(body),
        "SHA-512" => SHA512.HashData(body),
        _ => null,
    };

    private static bool SameBase64(string given, byte[] expected)
    {
        var buffer = new byte[expected.Length + 3];
        return Convert.TryFromBase64String(given, buffer, out var written) && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(buffer.AsSpan(0, written), expected);
    }
}
