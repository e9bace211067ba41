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
                var scopes = app.SelectMany(r => ScopesOf(r.Payload) ?? RegisteredScopes(first.Permissions)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var lastUsed = app.Select(r => TokenUses.LastUsed(r.Properties)).Max();
                return new ConnectedApp(app.Key, first.Name, scopes, app.Min(r => r.CreationDate) ?? now, lastUsed);
            })
            .OrderByDescending(a => a.CreatedAt)
            .ToList();
    }

    /// <summary>The scopes in a signed token's payload; null for a token issued encrypted (before ADR 39), whose
    /// app's registered scopes are shown instead, the most it can hold.</summary>
    private static IEnumerable<string>? ScopesOf(string? payload)
    {
        var parts = payload?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }
        try
        {
            var padded = parts[1].Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
            var root = json.RootElement;
            foreach (var name in new[] { "scope", "oi_scp" })
            {
                if (root.TryGetProperty(name, out var value))
                {
                    return value.ValueKind switch
                    {
                        JsonValueKind.String => value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                        JsonValueKind.Array => value.EnumerateArray().Select(v => v.GetString() ?? "").Where(v => v.Length > 0).ToList(),
                        _ => null,
                    };
                }
            }
            return [];
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
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
