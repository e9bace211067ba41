using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kindred.Core.Federation.Signatures;

/// <summary>
/// Verifying RFC 9421 HTTP Message Signatures (the standard the fediverse is moving to; Mastodon 4.5 accepts them):
/// <c>Signature-Input</c> and <c>Signature</c> are structured-field dictionaries keyed by label; the signature base
/// is one <c>"component": value</c> line per covered component and a last <c>"@signature-params"</c> line (section
/// 2.5). Derived components supported: @method, @target-uri, @authority, @scheme, @request-target, @path, @query;
/// header fields by lower-case name. Components with parameters (;sf, ;key, ;req, ;bs) are not, and such a signature
/// is refused rather than guessed at.
/// </summary>
public static class MessageSignatures
{
    /// <summary>The first signature in the two headers that can be read, or null.</summary>
    public static MessageSignature? Parse(string? signatureInput, string? signature)
    {
        if (string.IsNullOrWhiteSpace(signatureInput) || string.IsNullOrWhiteSpace(signature))
        {
            return null;
        }
        var values = SignatureValues(signature);
        foreach (var (label, raw) in InputMembers(signatureInput))
        {
            if (!values.TryGetValue(label, out var bytes))
            {
                continue;
            }
            var parsed = ParseInput(label, raw, bytes);
            if (parsed is not null)
            {
                return parsed;
            }
        }
        return null;
    }

    /// <summary>Whether the signature is the key's over the message. The algorithm is the signature's <c>alg</c>
    /// parameter or, without one, <paramref name="defaultAlgorithm"/> (what the key's owner publishes; RSA keys on the
    /// fediverse mean rsa-v1_5-sha256).</summary>
    public static bool Verify(SignedMessage message, MessageSignature signature, RSA key, string defaultAlgorithm = "rsa-v1_5-sha256")
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(key);
        var text = SignatureBase(message, signature);
        if (text is null)
        {
            return false;
        }
        var data = Encoding.UTF8.GetBytes(text);
        return (signature.Algorithm ?? defaultAlgorithm) switch
        {
            "rsa-v1_5-sha256" => key.VerifyData(data, signature.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "rsa-pss-sha512" => key.VerifyData(data, signature.Signature, HashAlgorithmName.SHA512, RSASignaturePadding.Pss),
            _ => false,
        };
    }

    /// <summary>The signature base (section 2.5), or null when a covered component is missing.</summary>
    public static string? SignatureBase(SignedMessage message, MessageSignature signature)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signature);
        var builder = new StringBuilder();
        var question = message.PathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? message.PathAndQuery : message.PathAndQuery[..question];
        foreach (var component in signature.Components)
        {
            var value = component switch
            {
                "@method" => message.Method,
                "@target-uri" => message.Scheme.ToLowerInvariant() + "://" + message.Authority.ToLowerInvariant() + message.PathAndQuery,
                "@authority" => message.Authority.ToLowerInvariant(),
                "@scheme" => message.Scheme.ToLowerInvariant(),
                "@request-target" => message.PathAndQuery,
                "@path" => path.Length == 0 ? "/" : path,
                "@query" => question < 0 ? "?" : message.PathAndQuery[question..],
                _ when component.StartsWith('@') => null,
                _ => message.Header(component)?.Trim(),
            };
            if (value is null)
            {
                return null;
            }
            builder.Append('"').Append(component).Append("\": ").Append(value).Append('\n');
        }
        builder.Append("\"@signature-params\": ").Append(signature.SignatureParams);
        return builder.ToString();
    }

    private static MessageSignature? ParseInput(string label, string raw, byte[] bytes)
    {
        if (raw.Length == 0 || raw[0] != '(')
        {
            return null;
        }
        var close = raw.IndexOf(')', StringComparison.Ordinal);
        if (close < 0)
        {
            return null;
        }
        var components = new List<string>();
        foreach (var item in raw[1..close].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Only plain quoted names: a component with parameters would need its own serialization rules.
            if (item.Length < 2 || item[0] != '"' || item[^1] != '"' || item.Contains(';', StringComparison.Ordinal))
            {
                return null;
            }
            components.Add(item[1..^1]);
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in SplitOutsideQuotes(raw[(close + 1)..], ';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }
            var value = part[(equals + 1)..];
            parameters[part[..equals]] = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        }
        return new MessageSignature(label, components, raw, parameters.GetValueOrDefault("keyid"), parameters.GetValueOrDefault("alg"),
            Number(parameters, "created"), Number(parameters, "expires"), bytes);
    }

    private static Dictionary<string, byte[]> SignatureValues(string header)
    {
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var member in SplitOutsideQuotes(header, ','))
        {
            var equals = member.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }
            var value = member[(equals + 1)..].Trim();
            var end = value.IndexOf(':', 1);
            if (value.Length < 2 || value[0] != ':' || end < 0)
            {
                continue;
            }
            try
            {
                values[member[..equals].Trim()] = Convert.FromBase64String(value[1..end]);
            }
            catch (FormatException)
            {
                // An unreadable value for one label leaves the others usable.
            }
        }
        return values;
    }

    private static IEnumerable<(string Label, string Raw)> InputMembers(string header)
    {
        foreach (var member in SplitOutsideQuotes(header, ','))
        {
            var equals = member.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                yield return (member[..equals].Trim(), member[(equals + 1)..].Trim());
            }
        }
    }

    /// <summary>Splits at <paramref name="separator"/> where it is neither inside a quoted string nor inside parentheses.</summary>
    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                default:
                    if (c == separator && depth == 0)
                    {
                        parts.Add(text[start..i].Trim());
                        start = i + 1;
                    }
                    break;
            }
        }
        var last = text[start..].Trim();
        if (last.Length > 0)
        {
            parts.Add(last);
        }
        return parts;
    }

    private static long? Number(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
