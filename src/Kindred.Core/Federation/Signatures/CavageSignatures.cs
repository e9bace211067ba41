using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kindred.Core.Federation.Signatures;

/// <summary>
/// HTTP signatures as draft-cavage-http-signatures-12 defines them and the fediverse still speaks them (Mastodon's
/// "HTTP Signatures" page): a <c>Signature</c> header whose signing string is one "name: value" line per covered
/// header, lower-case names, <c>(request-target)</c> being the lower-case method, a space and the path with its query.
/// Kindred signs with rsa-sha256 over <c>(request-target) host date</c>, plus <c>digest</c> when there is a body.
/// </summary>
public static class CavageSignatures
{
    /// <summary>The headers Kindred covers when it signs a request with a body (a GET covers the first three).</summary>
    public static readonly IReadOnlyList<string> SignedWithBody = ["(request-target)", "host", "date", "digest"];
    public static readonly IReadOnlyList<string> SignedWithoutBody = ["(request-target)", "host", "date"];

    /// <summary>The value of the <c>Signature</c> header for <paramref name="message"/>, whose headers must already
    /// hold every name in <paramref name="headers"/> (Host, Date, and Digest when it is covered).</summary>
    public static string Sign(SignedMessage message, IReadOnlyList<string> headers, string keyId, RSA key)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(key);
        var text = SigningString(message, headers, null, null)
            ?? throw new ArgumentException("The message lacks a header it is to be signed over.", nameof(message));
        var signature = key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"keyId=\"{keyId}\",algorithm=\"rsa-sha256\",headers=\"{string.Join(' ', headers)}\",signature=\"{Convert.ToBase64String(signature)}\"";
    }

    /// <summary>Reads a <c>Signature</c> header (or the part of <c>Authorization: Signature …</c> after the scheme);
    /// null when it is not well formed.</summary>
    public static CavageSignature? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < header.Length)
        {
            while (i < header.Length && (header[i] == ',' || header[i] == ' '))
            {
                i++;
            }
            var equals = header.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }
            var name = header[i..equals].Trim();
            i = equals + 1;
            string value;
            if (i < header.Length && header[i] == '"')
            {
                var close = header.IndexOf('"', i + 1);
                if (close < 0)
                {
                    return null;
                }
                value = header[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                var comma = header.IndexOf(',', i);
                var end = comma < 0 ? header.Length : comma;
                value = header[i..end].Trim();
                i = end;
            }
            // A repeated parameter makes the header ambiguous: refuse it rather than pick one.
            if (!values.TryAdd(name, value))
            {
                return null;
            }
        }
        if (!values.TryGetValue("keyId", out var keyId) || keyId.Length == 0 || !values.TryGetValue("signature", out var signatureText))
        {
            return null;
        }
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(signatureText);
        }
        catch (FormatException)
        {
            return null;
        }
        // Without a headers parameter the draft covers only (created), which Mastodon treats as "date".
        var covered = values.TryGetValue("headers", out var list)
            ? list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => h.ToLowerInvariant()).ToList()
            : ["date"];
        return new CavageSignature(keyId, values.GetValueOrDefault("algorithm"), covered, signature, Number(values, "created"), Number(values, "expires"));
    }

    /// <summary>Whether <paramref name="signature"/> is <paramref name="key"/>'s signature over the message. Only RSA
    /// with SHA-256 is accepted ("rsa-sha256", or "hs2019" which the key decides).</summary>
    public static bool Verify(SignedMessage message, CavageSignature signature, RSA key)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(key);
        if (signature.Algorithm is not (null or "rsa-sha256" or "hs2019"))
        {
            return false;
        }
        var text = SigningString(message, signature.Headers, signature.Created, signature.Expires);
        return text is not null && key.VerifyData(Encoding.UTF8.GetBytes(text), signature.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>The signing string, or null when a covered header is missing from the message.</summary>
    public static string? SigningString(SignedMessage message, IReadOnlyList<string> headers, long? created, long? expires)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(headers);
        var lines = new List<string>(headers.Count);
        foreach (var name in headers)
        {
            var value = name switch
            {
                "(request-target)" => message.Method.ToLowerInvariant() + " " + message.PathAndQuery,
                "(created)" => created?.ToString(CultureInfo.InvariantCulture),
                "(expires)" => expires?.ToString(CultureInfo.InvariantCulture),
                "host" => message.Header("host") ?? message.Authority,
                _ => message.Header(name),
            };
            if (value is null)
            {
                return null;
            }
            lines.Add(name + ": " + value.Trim());
        }
        return string.Join('\n', lines);
    }

    private static long? Number(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
