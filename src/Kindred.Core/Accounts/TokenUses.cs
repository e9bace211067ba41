using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OpenIddict.EntityFrameworkCore.Models;

namespace Kindred.Core.Accounts;

/// <summary>
/// Remembers when each OAuth token was last used, for the Connected apps page (ADR 44). Every API request passes
/// here, so it writes at most once per <see cref="Interval"/> per token and process, and otherwise costs one
/// dictionary lookup. The time goes into the token row's own property bag (OpenIddict's <c>Properties</c> column,
/// which Kindred otherwise leaves empty), merged with whatever else is there, so no table of Kindred's own is needed.
/// </summary>
public sealed class TokenUses(TimeProvider time, ILogger<TokenUses> log)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    public const string Property = "kindred_last_used_at";
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, DateTime> written = new(StringComparer.Ordinal);

    public async Task TouchAsync(KindredDbContext db, string tokenId, CancellationToken ct)
    {
        var now = time.UtcNow();
        if (written.TryGetValue(tokenId, out var last) && now - last < Interval)
        {
            return;
        }
        if (written.Count >= MaxRemembered)
        {
            // Forgetting only costs one extra write per token.
            written.Clear();
        }
        written[tokenId] = now;
        try
        {
            var tokens = db.Set<OpenIddictEntityFrameworkCoreToken>();
            var properties = await tokens.Where(t => t.Id == tokenId).Select(t => t.Properties).FirstOrDefaultAsync(ct);
            var bag = (string.IsNullOrEmpty(properties) ? null : JsonNode.Parse(properties) as JsonObject) ?? [];
            bag[Property] = now.ToString("O", CultureInfo.InvariantCulture);
            var json = bag.ToJsonString();
            await tokens.Where(t => t.Id == tokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Properties, json), ct);
        }
        catch (Exception e) when (e is DbException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // A busy database must not fail the request the token was presented for; the next use writes again.
            written.TryRemove(tokenId, out _);
            log.LogWarning(e, "Could not record the use of a token");
        }
    }

    /// <summary>The recorded last use in a token's property bag, if any.</summary>
    public static DateTime? LastUsed(string? properties)
    {
        if (string.IsNullOrEmpty(properties))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(properties) is JsonObject bag && bag[Property]?.GetValue<string>() is { } text
                && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
