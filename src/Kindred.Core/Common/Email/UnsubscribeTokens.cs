using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Kindred.Core.Common.Email;

/// <summary>
/// The token in a mailing's one-click unsubscribe link (ADR 25): the member's id protected with the server's
/// data-protection keys (shared by every node, kept in the database) under a purpose of each mailing's own, so a token
/// of one mailing cannot be replayed on another and nobody can forge one for somebody else. It does not expire: a link
/// in an old mail must still work, and all it can ever do is stop that mailing for that member.
/// </summary>
public abstract class UnsubscribeTokens(IDataProtectionProvider provider, string purpose)
{
    private readonly IDataProtector protector = provider.CreateProtector(purpose);

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
