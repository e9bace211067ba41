using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Federation;

/// <summary>
/// Remote accounts (ADR 101): an actor another server publishes becomes an <see cref="Account"/> with the actor's host
/// as <see cref="Account.Domain"/> and a <see cref="RemoteActor"/> row holding its inboxes, fetched through
/// <see cref="FederationHttp"/> (signed by the instance actor, SSRF-safe) and fetched again when older than
/// <see cref="RefreshAfter"/>. Such an account has no <see cref="User"/>: it cannot sign in, is no member and is not
/// counted where members are. Its bio is sanitized by the same policy as members' posts.
/// </summary>
public sealed class RemoteAccounts(KindredDbContext db, FederationHttp http, ActorKeys keys, LocalActors local, TimeProvider time)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromDays(1);

    /// <summary>The account of <paramref name="actorId"/>, fetched when unknown or stale; null when the actor cannot
    /// be fetched or read (a stale copy is kept and answered when the refresh fails).</summary>
    public async Task<Account?> ResolveAsync(string actorId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actorId);
        var known = await db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(a => a.ActorUri == actorId, ct);
        if (known is not null && time.UtcNow() - known.FetchedAt < RefreshAfter)
        {
            return await db.Accounts.FirstOrDefaultAsync(a => a.Id == known.AccountId, ct);
        }
        if (!Uri.TryCreate(actorId, UriKind.Absolute, out var uri) || local.UsernameOf(actorId) is not null)
        {
            return null;
        }
        using var signer = await keys.PrivateKeyAsync(ActorKind.Instance, 0, ct);
        using var json = await http.GetActivityAsync(uri, local.InstanceKeyId, signer, ct);
        var read = json is null ? null : Read(json.RootElement, uri);
        if (read is null)
        {
            return known is null ? null : await db.Accounts.FirstOrDefaultAsync(a => a.Id == known.AccountId, ct);
        }
        return await SaveAsync(read, ct);
    }

    /// <summary>Finds <c>name@host</c> through the host's WebFinger (https; http in federation development mode), then
    /// resolves the actor it names. Null when the host does not know the name.</summary>
    public async Task<Account?> ResolveHandleAsync(string name, string host, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(host);
        var normalized = name.ToLowerInvariant();
        var lowerHost = host.ToLowerInvariant();
        var known = await db.Accounts.FirstOrDefaultAsync(a => a.UsernameNormalized == normalized && a.Domain == lowerHost, ct);
        if (known is not null)
        {
            var actor = await db.RemoteActors.AsNoTracking().Where(a => a.AccountId == known.Id).Select(a => a.ActorUri).FirstOrDefaultAsync(ct);
            return actor is null ? known : await ResolveAsync(actor, ct);
        }
        var scheme = http.DevelopmentMode ? "http" : "https";
        if (!Uri.TryCreate($"{scheme}://{host}/.well-known/webfinger?resource=acct:{Uri.EscapeDataString(name)}@{Uri.EscapeDataString(host)}", UriKind.Absolute, out var finger))
        {
            return null;
        }
        using var signer = await keys.PrivateKeyAsync(ActorKind.Instance, 0, ct);
        using var jrd = await http.GetActivityAsync(finger, local.InstanceKeyId, signer, ct);
        if (jrd is null || jrd.RootElement.ValueKind != JsonValueKind.Object || !jrd.RootElement.TryGetProperty("links", out var links)
            || links.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        foreach (var link in links.EnumerateArray())
        {
            if (link.ValueKind == JsonValueKind.Object && ActivityReader.Text(link, "rel") == "self" && ActivityReader.Text(link, "href") is { } href
                && (ActivityReader.Text(link, "type") ?? "").Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                return await ResolveAsync(href, ct);
            }
        }
        return null;
    }

    /// <summary>The remote actor row of an account; null for a local account.</summary>
    public Task<RemoteActor?> ActorOfAsync(long accountId, CancellationToken ct = default) =>
        db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(a => a.AccountId == accountId, ct);

    /// <summary>The actor id and profile page of each remote account among <paramref name="accounts"/> (one query,
    /// none when all are local), for the API's <c>uri</c> and <c>url</c>.</summary>
    public async Task<IReadOnlyDictionary<long, (string Uri, string Url)>> AddressesAsync(IEnumerable<Account> accounts, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var ids = accounts.Where(a => a.Domain is not null).Select(a => a.Id).Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<long, (string, string)>();
        }
        var rows = await db.RemoteActors.AsNoTracking().Where(r => ids.Contains(r.AccountId)).ToListAsync(ct);
        return rows.ToDictionary(r => r.AccountId, r => (r.ActorUri, r.ProfileUrl ?? r.ActorUri));
    }

    private sealed record ReadActor(string Id, string Username, string Host, string DisplayName, string SummaryHtml, bool Locked, bool Bot,
        string Inbox, string? SharedInbox, string? Url);

    private static ReadActor? Read(JsonElement root, Uri fetched)
    {
        if (root.ValueKind != JsonValueKind.Object || ActivityReader.Text(root, "id") is not { } id || !Uri.TryCreate(id, UriKind.Absolute, out var idUri)
            // An actor document must describe itself: a server cannot publish an actor living on another host.
            || !string.Equals(idUri.Authority, fetched.Authority, StringComparison.OrdinalIgnoreCase)
            || ActivityReader.Text(root, "preferredUsername") is not { Length: > 0 and <= 30 } username
            || ActivityReader.Text(root, "inbox") is not { } inbox || !SameHost(inbox, idUri))
        {
            return null;
        }
        var type = ActivityReader.Text(root, "type") ?? "";
        string? shared = null;
        if (root.TryGetProperty("endpoints", out var endpoints) && endpoints.ValueKind == JsonValueKind.Object
            && ActivityReader.Text(endpoints, "sharedInbox") is { } sharedInbox && SameHost(sharedInbox, idUri))
        {
            shared = sharedInbox;
        }
        var name = ActivityReader.Text(root, "name") ?? "";
        return new ReadActor(id, username, idUri.Authority.ToLowerInvariant(), name.Length > 100 ? name[..100] : name,
            SafeHtml.Clean(ActivityReader.Text(root, "summary") ?? ""),
            root.TryGetProperty("manuallyApprovesFollowers", out var locked) && locked.ValueKind == JsonValueKind.True,
            type is "Service" or "Application", inbox, shared, ActivityReader.Text(root, "url"));
    }

    private static bool SameHost(string address, Uri actor) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, actor.Authority, StringComparison.OrdinalIgnoreCase);

    private async Task<Account?> SaveAsync(ReadActor read, CancellationToken ct)
    {
        var now = time.UtcNow();
        var row = await db.RemoteActors.FirstOrDefaultAsync(a => a.ActorUri == read.Id, ct);
        var normalized = read.Username.ToLowerInvariant();
        Account? account = row is null ? null : await db.Accounts.FirstOrDefaultAsync(a => a.Id == row.AccountId, ct);
        if (account is null)
        {
            // The handle may be taken by an older actor of the same name on that host (an account deleted and made
            // again there): the newer actor takes the handle over.
            account = await db.Accounts.FirstOrDefaultAsync(a => a.UsernameNormalized == normalized && a.Domain == read.Host, ct);
            if (account is null)
            {
                account = new Account { Id = Snowflake.NewId(now), Username = read.Username, UsernameNormalized = normalized, Domain = read.Host, CreatedAt = now };
                db.Accounts.Add(account);
            }
        }
        account.DisplayName = read.DisplayName;
        account.NoteHtml = read.SummaryHtml;
        var plain = SafeHtml.PlainText(read.SummaryHtml);
        account.Note = plain.Length > 1000 ? plain[..1000] : plain;
        account.Locked = read.Locked;
        account.Bot = read.Bot;
        account.UpdatedAt = now;
        if (row is null)
        {
            row = await db.RemoteActors.FirstOrDefaultAsync(a => a.AccountId == account.Id, ct);
            if (row is null)
            {
                row = new RemoteActor { AccountId = account.Id, ActorUri = read.Id, Inbox = read.Inbox };
                db.RemoteActors.Add(row);
            }
        }
        row.ActorUri = read.Id;
        row.Inbox = read.Inbox;
        row.SharedInbox = read.SharedInbox;
        row.ProfileUrl = read.Url;
        row.FetchedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another job resolved the same actor at the same moment; the unique actor id kept theirs.
            db.ChangeTracker.Clear();
            var theirs = await db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(a => a.ActorUri == read.Id, ct);
            return theirs is null ? null : await db.Accounts.FirstOrDefaultAsync(a => a.Id == theirs.AccountId, ct);
        }
        return account;
    }
}
