using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Federation;
using Kindred.Core.Search;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Search;

/// <summary>
/// Search (Mastodon docs: methods/search, and methods/accounts#search, which is the same account search). Everything
/// goes through <see cref="SearchQueries"/>; the rules for who finds what are written there and in ADR 15.
/// </summary>
public static class SearchEndpoints
{
    private const int AccountsDefaultLimit = 40;
    private const int AccountsMaxLimit = 80;

    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v2/search", Search).WithSummary("Search accounts, hashtags and statuses (statuses for signed-in members)").WithTags("Search");
        api.MapGet("/v1/accounts/search", SearchAccounts).WithSummary("Search accounts by username or display name").WithTags("Accounts");
        return api;
    }

    private static async Task<IResult> Search(HttpContext context, SearchQueries search, AidSearch aidSearch, AccountRenderer accountRenderer, StatusRenderer statusRenderer, PublicUrls urls,
        RemoteAccounts remotes)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:search");
        var input = await MastodonParams.ReadAsync(context.Request);
        var query = Query(input);
        var type = input.Value("type", 20);
        if (type is not (null or "" or "accounts" or "hashtags" or "statuses" or "kindred_aid_items"))
        {
            throw KindredException.Invalid("type", "type must be accounts, hashtags, statuses or kindred_aid_items.");
        }
        var resolve = input.Bool("resolve") ?? false;
        var following = input.Bool("following") ?? false;
        _ = input.Bool("exclude_unreviewed"); // Read so a malformed value is refused; every tag counts as reviewed.
        var offset = Offset(input);
        var limit = Math.Clamp(input.WholeNumber("limit") ?? SearchQueries.DefaultLimit, 1, SearchQueries.MaxLimit);
        var accountId = AccountId(input);
        // Mastodon answers these two without a user with 401, the same words.
        if (viewer.AccountId is null && resolve)
        {
            throw KindredException.Unauthorized("Search queries that resolve remote resources are not supported without authentication");
        }
        if (viewer.AccountId is null && offset > 0)
        {
            throw KindredException.Unauthorized("Search queries with offset are not supported without authentication");
        }
        var ct = context.RequestAborted;
        IReadOnlyList<Account> accounts = [];
        IReadOnlyList<Status> statuses = [];
        IReadOnlyList<Tag> hashtags = [];
        if (resolve && LocalUrl.LooksLikeUrl(query))
        {
            // A pasted URL means that one thing (Mastodon does the same); only this server's URLs resolve for now.
            if (offset == 0)
            {
                var found = await search.ResolveAsync(query, urls.Base, viewer, ct);
                accounts = found.Account is { } account && type is null or "" or "accounts" ? [account] : [];
                statuses = found.Status is { } status && type is null or "" or "statuses" ? [status] : [];
            }
        }
        else
        {
            if (type is null or "" or "accounts")
            {
                accounts = await search.AccountsAsync(query, viewer, following, offset, limit, urls.Host, resolve, ct);
                if (resolve && offset == 0 && !following)
                {
                    accounts = await WithRemoteAsync(accounts, query, urls.Host, remotes, ct);
                }
            }
            if (type is null or "" or "hashtags")
            {
                hashtags = await search.HashtagsAsync(query, viewer, offset, limit, ct);
            }
            if (type is null or "" or "statuses")
            {
                statuses = await search.StatusesAsync(query, viewer, accountId, offset, limit, ct);
            }
        }
        // Aid items only through AidVisibility (ADR 31), for signed-in members; never with a pasted URL.
        IReadOnlyList<AidItem> aidItems = type is null or "" or "kindred_aid_items" && !(resolve && LocalUrl.LooksLikeUrl(query))
            ? await aidSearch.FindAsync(query, viewer, offset, limit, ct)
            : [];
        return MastodonJson.Ok(new MastodonSearch(
            await accountRenderer.RenderManyAsync(accounts, viewer.AccountId, ct),
            await statusRenderer.RenderManyAsync(statuses, viewer, ct: ct),
            hashtags.Select(t => TagRenderer.Render(t, urls)).ToList())
        {
            KindredAidItems = aidItems.Select(i => new KindredAidSearchResult(
                i.Id.ToString(CultureInfo.InvariantCulture), i.Kind == AidKind.Request ? "request" : "offer", i.Title, i.AreaName, i.Sensitive,
                $"{urls.Base}/aid/{i.Id.ToString(CultureInfo.InvariantCulture)}")).ToList(),
        });
    }

    /// <summary>A handle on another server (<c>@name@host</c>) resolved through its WebFinger (ADR 101), first in the
    /// list; the local results as they were when it is not a remote handle or nobody answers.</summary>
    private static async Task<IReadOnlyList<Account>> WithRemoteAsync(IReadOnlyList<Account> found, string query, string localHost, RemoteAccounts remotes,
        CancellationToken ct)
    {
        var handle = query.Trim().TrimStart('@');
        var at = handle.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == handle.Length - 1 || handle.AsSpan(at + 1).Contains('@')
            || string.Equals(handle[(at + 1)..], localHost, StringComparison.OrdinalIgnoreCase) || handle.Any(char.IsWhiteSpace))
        {
            return found;
        }
        var remote = await remotes.ResolveHandleAsync(handle[..at], handle[(at + 1)..], ct);
        return remote is null ? found : [remote, .. found.Where(a => a.Id != remote.Id)];
    }

    private static async Task<IResult> SearchAccounts(HttpContext context, SearchQueries search, AccountRenderer renderer, PublicUrls urls, RemoteAccounts remotes)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:accounts");
        var input = await MastodonParams.ReadAsync(context.Request);
        var query = Query(input);
        // resolve=true also looks a remote handle up on its server (ADR 101); a local handle is found either way (ADR 77).
        var resolve = input.Bool("resolve") ?? false;
        var following = input.Bool("following") ?? false;
        var offset = Offset(input);
        var limit = Math.Clamp(input.WholeNumber("limit") ?? AccountsDefaultLimit, 1, AccountsMaxLimit);
        var accounts = await search.AccountsAsync(query, Viewer.Member(me), following, offset, limit, urls.Host, resolve, context.RequestAborted);
        if (resolve && offset == 0 && !following)
        {
            accounts = await WithRemoteAsync(accounts, query, urls.Host, remotes, context.RequestAborted);
        }
        return MastodonJson.Ok(await renderer.RenderManyAsync(accounts, me, context.RequestAborted));
    }

    private static string Query(MastodonParams input)
    {
        var query = (input.Value("q", SearchQueries.MaxQueryLength) ?? "").Trim();
        return query.Length > 0 ? query : throw KindredException.Invalid("q", "q is required: say what to search for.");
    }

    private static int Offset(MastodonParams input)
    {
        var offset = input.WholeNumber("offset") ?? 0;
        return offset >= 0 ? offset : throw KindredException.Invalid("offset", "offset must be 0 or more.");
    }

    private static long? AccountId(MastodonParams input)
    {
        var value = input.Value("account_id", 30);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        return Ids.ParseOrNotFound(value);
    }
}
