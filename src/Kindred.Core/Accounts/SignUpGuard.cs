using System.Net;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Accounts;

/// <summary>
/// The sign-up defences every door passes through (ADR 73): blocked e-mail domains, the sign-up IP rules and the
/// per-address hourly throttle. The refusals say what to do, never which list or rule matched.
/// </summary>
public sealed class SignUpGuard(KindredDbContext db, IOptions<KindredOptions> options, TimeProvider time)
{
    public const string DomainRefused = "Sign-ups with this e-mail domain are not accepted.";

    /// <summary>Throws when the address's domain is blocked. Also for a change of address.</summary>
    public async Task ThrowIfDomainBlockedAsync(string? email, CancellationToken ct = default)
    {
        if (EmailDomains.Of(email) is not { } domain)
        {
            // An unreadable address is refused by the address check itself, in its own words.
            return;
        }
        var candidates = EmailDomains.WithParents(domain);
        if (await db.EmailDomainBlocks.AnyAsync(b => candidates.Contains(b.Domain), ct))
        {
            throw KindredException.Invalid("email", DomainRefused);
        }
    }

    /// <summary>
    /// Checks a sign-up from <paramref name="ip"/> (null when the server cannot tell, as in the command line):
    /// refused ranges and the throttle throw; returns whether a rule asks for the admins' approval.
    /// </summary>
    public async Task<bool> CheckAsync(string? email, IPAddress? ip, CancellationToken ct = default)
    {
        await ThrowIfDomainBlockedAsync(email, ct);
        if (Canonical(ip) is not { } address)
        {
            return false;
        }
        var now = time.UtcNow();
        // Rules are few (an admin types each one); matching a range in SQL would need provider-specific types.
        var rules = await db.SignUpIpRules.AsNoTracking().Where(r => r.ExpiresAt == null || r.ExpiresAt > now).ToListAsync(ct);
        var matching = rules.Where(r => IPNetwork.TryParse(r.Network, out var network) && network.Contains(address)).ToList();
        if (matching.Any(r => r.Severity == SignUpIpSeverity.Refused))
        {
            throw KindredException.Forbidden("Sign-ups from your network are not accepted. Please contact the organization.");
        }
        var limit = options.Value.Registrations.MaxPerIpPerHour;
        if (limit > 0)
        {
            var text = address.ToString();
            var since = now.AddHours(-1);
            var recent = await db.Users.AsNoTracking().Where(u => u.SignUpIp == text && u.CreatedAt > since).Select(u => u.CreatedAt).ToListAsync(ct);
            if (recent.Count >= limit)
            {
                var retry = recent.Min() - since;
                throw KindredException.RateLimited(retry > TimeSpan.Zero ? retry : TimeSpan.FromMinutes(1),
                    "Too many sign-ups from your network in the last hour. Please try again later.");
            }
        }
        return matching.Count > 0;
    }

    /// <summary>The one text form of an address: IPv4 clients seen through an IPv6 socket count as IPv4.</summary>
    public static IPAddress? Canonical(IPAddress? ip) => ip is { IsIPv4MappedToIPv6: true } ? ip.MapToIPv4() : ip;
}
