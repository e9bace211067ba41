using System.Globalization;
using System.Security.Cryptography;
using Kindred.Core.Common;
using Microsoft.AspNetCore.DataProtection;

namespace Kindred.Core.Digests;

/// <summary>
/// The token in a digest's unsubscribe link: the member's id protected with the server's data-protection keys (shared
/// by every node, kept in the database) under a purpose of its own, so no other token can be replayed here and nobody
/// can forge one for somebody else. It does not expire: an unsubscribe link in an old digest must still work, and all
/// it can ever do is turn digests off (ADR 25).
/// </summary>
public sealed class DigestTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Kindred.Digests.Unsubscribe.v1");

    public string For(long userId) => protector.Protect(userId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The member the token names, or null when it is not one of ours (tampered, truncated, from another server).</summary>
    public long? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }
        try
        {
            return Ids.Parse(protector.Unprotect(token));
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
