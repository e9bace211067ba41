using System.Globalization;
using System.Text;
using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;

namespace Kindred.Core.Accounts;

/// <summary>
/// The apps that can act for a member: every app holding a token of theirs that still works (ADR 44). Listed from the
/// tokens rather than from authorizations, because the password grant and API sign-up issue tokens without one, and
/// an app that can read the account must never be missing from the list.
/// </summary>
public sealed class ConnectedAppQueries(KindredDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<ConnectedApp>> ListAsync(long userId, CancellationToken ct = default)
    {
        var subject = userId.ToString(CultureInfo.InvariantCulture);
        var now = time.UtcNow();
        var rows = await db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
            .Where(t => t.Subject == subject && t.Status == OpenIddictConstants.Statuses.Valid && t.Application != null
                && (t.ExpirationDate == null || t.ExpirationDate > now))
            .Select(t => new
            {
                AppId = t.Application!.Id!,
                Name = t.Application.DisplayName ?? t.Application.ClientId ?? "",
                t.Application.Permissions,
                t.CreationDate,
                t.Payload,
                t.Properties,
            })
            .ToListAsync(ct);
        return rows
            .GroupBy(r => r.AppId)
            .Select(app =>
            {
                var first = app.First();
                var read = app.Select(r => Read(r.Payload)).ToList();
                var scopes = read.SelectMany(r => r.Scopes ?? RegisteredScopes(first.Permissions)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var lastUsed = app.Select(r => TokenUses.LastUsed(r.Properties)).Max();
                return new ConnectedApp(app.Key, first.Name, scopes, app.Min(r => r.CreationDate) ?? now, lastUsed)
                {
                    AsOrganization = read.Any(r => r.AsOrganization),
                };
            })
            .OrderByDescending(a => a.CreatedAt)
            .ToList();
    }

    /// <summary>
    /// Every app a staff member let act as the organization (ADR 65), for the owner's settings: the working tokens of
    /// the members who may act as it that carry the grant, one line per staff member and app.
    /// </summary>
    public async Task<IReadOnlyList<OrganizationAppGrant>> OrganizationGrantsAsync(CancellationToken ct = default)
    {
        var staff = await db.Users.AsNoTracking().Active().InRoles(Roles.MayActAsOrganization)
            .Select(u => new { u.Id, u.UserName }).ToListAsync(ct);
        var names = staff.ToDictionary(u => u.Id.ToString(CultureInfo.InvariantCulture), u => (u.Id, Username: u.UserName ?? ""));
        var subjects = names.Keys.ToList();
        var now = time.UtcNow();
        var rows = await db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
            .Where(t => t.Subject != null && subjects.Contains(t.Subject) && t.Status == OpenIddictConstants.Statuses.Valid && t.Application != null
                && (t.ExpirationDate == null || t.ExpirationDate > now))
            .Select(t => new
            {
                t.Subject,
                AppId = t.Application!.Id!,
                Name = t.Application.DisplayName ?? t.Application.ClientId ?? "",
                t.CreationDate,
                t.Payload,
                t.Properties,
            })
            .ToListAsync(ct);
        return rows
            .Where(r => Read(r.Payload).AsOrganization)
            .GroupBy(r => (r.Subject!, r.AppId))
            .Select(g => new OrganizationAppGrant(names[g.Key.Item1].Id, names[g.Key.Item1].Username, g.Key.AppId, g.First().Name,
                g.Min(r => r.CreationDate) ?? now, g.Select(r => TokenUses.LastUsed(r.Properties)).Max()))
            .OrderBy(g => g.StaffUsername, StringComparer.Ordinal).ThenBy(g => g.AppName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>What a signed token's payload says: its scopes (null for a token issued encrypted before ADR 39, whose
    /// app's registered scopes are shown instead, the most it can hold) and whether it acts as the organization.</summary>
    private static (IEnumerable<string>? Scopes, bool AsOrganization) Read(string? payload)
    {
        var parts = payload?.Split('.');
        if (parts is not { Length: 3 })
        {
            return (null, false);
        }
        try
        {
            var padded = parts[1].Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
            var root = json.RootElement;
            var asOrganization = root.TryGetProperty(OrganizationGrant.ClaimType, out var grant)
                && grant.ValueKind == JsonValueKind.String && grant.GetString() == "true";
            foreach (var name in new[] { "scope", "oi_scp" })
            {
                if (root.TryGetProperty(name, out var value))
                {
                    return (value.ValueKind switch
                    {
                        JsonValueKind.String => value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                        JsonValueKind.Array => value.EnumerateArray().Select(v => v.GetString() ?? "").Where(v => v.Length > 0).ToList(),
                        _ => null,
                    }, asOrganization);
                }
            }
            return ([], asOrganization);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return (null, false);
        }
    }

    private static IEnumerable<string> RegisteredScopes(string? permissions)
    {
        if (string.IsNullOrEmpty(permissions))
        {
            return [];
        }
        try
        {
            return (JsonSerializer.Deserialize<string[]>(permissions) ?? [])
                .Where(p => p.StartsWith(OpenIddictConstants.Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[OpenIddictConstants.Permissions.Prefixes.Scope.Length..]);
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
