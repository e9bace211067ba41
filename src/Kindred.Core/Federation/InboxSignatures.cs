using System.Globalization;
using System.Security.Cryptography;
using Kindred.Core.Federation.Signatures;

namespace Kindred.Core.Federation;

/// <summary>
/// Mastodon's rules for a signed delivery (docs "Security: HTTP Signatures"), for both standards: an RFC 9421
/// signature when <c>Signature-Input</c> is present, else a draft-cavage <c>Signature</c>. The signature must cover
/// the method and target and the host, be made within 12 hours either way of now, cover the body's digest when there
/// is a body (which must match), and verify with the key its key id names; a failure with a cached key is retried once
/// with a freshly fetched one, because keys rotate.
/// </summary>
public sealed class InboxSignatures(RemoteKeys keys, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(12);

    public async Task<InboxVerification> VerifyAsync(SignedMessage message, string instanceKeyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(instanceKeyId);
        string keyId;
        Func<RSA, bool> check;
        if (message.Header("signature-input") is { } input)
        {
            if (MessageSignatures.Parse(input, message.Header("signature")) is not { KeyId: not null } signature)
            {
                return InboxVerification.Refused("unreadable Signature-Input");
            }
            var covered = signature.Components;
            if (!covered.Contains("@method") || !(covered.Contains("@target-uri") || (covered.Contains("@authority") && (covered.Contains("@path") || covered.Contains("@request-target")))))
            {
                return InboxVerification.Refused("the signature must cover @method and @target-uri");
            }
            if (signature.Created is not { } created || !InWindow(DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(created, 0, 253_402_300_799))))
            {
                return InboxVerification.Refused("the signature is not within 12 hours of now");
            }
            if (signature.Expires is { } expires && DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expires, 0, 253_402_300_799)) < time.GetUtcNow())
            {
                return InboxVerification.Refused("the signature has expired");
            }
            if (message.Body.Length > 0 && (!covered.Contains("content-digest") || !ContentDigests.ContentDigestMatches(message.Header("content-digest"), message.Body)))
            {
                return InboxVerification.Refused("Content-Digest is not signed or does not match the body");
            }
            keyId = signature.KeyId!;
            check = key => MessageSignatures.Verify(message, signature, key);
        }
        else
        {
            var header = message.Header("signature");
            if (header is null && message.Header("authorization") is { } authorization && authorization.StartsWith("Signature ", StringComparison.OrdinalIgnoreCase))
            {
                header = authorization["Signature ".Length..];
            }
            if (CavageSignatures.Parse(header) is not { } signature)
            {
                return InboxVerification.Refused("no readable signature");
            }
            var covered = signature.Headers;
            if (!covered.Contains("(request-target)") || !covered.Contains("host") || !(covered.Contains("date") || covered.Contains("(created)")))
            {
                return InboxVerification.Refused("the signature must cover (request-target), host and date");
            }
            DateTimeOffset? when = null;
            if (covered.Contains("date"))
            {
                if (DateTimeOffset.TryParseExact(message.Header("date"), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    when = date;
                }
            }
            else if (signature.Created is { } created)
            {
                when = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(created, 0, 253_402_300_799));
            }
            if (when is not { } signedAt || !InWindow(signedAt))
            {
                return InboxVerification.Refused("the signature is not within 12 hours of now");
            }
            if (message.Body.Length > 0 && (!covered.Contains("digest") || !ContentDigests.DigestMatches(message.Header("digest"), message.Body)))
            {
                return InboxVerification.Refused("Digest is not signed or does not match the body");
            }
            keyId = signature.KeyId;
            check = key => CavageSignatures.Verify(message, signature, key);
        }

        foreach (var refresh in new[] { false, true })
        {
            var key = await keys.GetAsync(keyId, refresh, instanceKeyId, ct);
            if (key is null)
            {
                return InboxVerification.Refused("the key could not be fetched");
            }
            if (Verifies(key, check))
            {
                return new InboxVerification(key.Owner, null);
            }
        }
        return InboxVerification.Refused("the signature does not verify");
    }

    private bool InWindow(DateTimeOffset signedAt) => (time.GetUtcNow() - signedAt).Duration() <= Window;

    private static bool Verifies(RemoteKey key, Func<RSA, bool> check)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(key.PublicKeyPem);
            return check(rsa);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // Not an RSA key, or not PEM: nothing Kindred can verify with.
            return false;
        }
    }
}
