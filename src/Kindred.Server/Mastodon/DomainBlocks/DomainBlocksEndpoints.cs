using Kindred.Core.Common;
using Kindred.Core.Relationships;
using Kindred.Server.Hosting;

namespace Kindred.Server.Mastodon.DomainBlocks;

/// <summary>The caller's own blocks of whole servers (Mastodon docs: methods/domain_blocks, ADR 78).</summary>
public static class DomainBlocksEndpoints
{
    public static RouteGroupBuilder MapDomainBlocksEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/v1/domain_blocks").WithTags("Domain blocks");
        group.MapGet("", List).WithSummary("The servers the caller blocks");
        group.MapPost("", Block).WithSummary("Block a server (domain)");
        group.MapDelete("", Unblock).WithSummary("Unblock a server (domain)");
        return api;
    }

    private static async Task<IResult> List(HttpContext context, AccountDomainBlocks blocks, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:blocks");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), AccountDomainBlocks.DefaultLimit, AccountDomainBlocks.MaxLimit);
        var rows = await blocks.ListAsync(me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.RowId).ToList(), page.Limit);
        return MastodonJson.Ok(rows.Select(r => r.Domain).ToList());
    }

    private static async Task<IResult> Block(HttpContext context, AccountDomainBlocks blocks, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:blocks");
        var input = await MastodonParams.ReadAsync(context.Request);
        var domain = input.Value("domain", 2_000);
        if (!string.IsNullOrWhiteSpace(domain)
            && string.Equals(AccountDomainBlocks.Normalize(domain), new Uri(urls.Base).Host, StringComparison.OrdinalIgnoreCase))
        {
            throw KindredException.Invalid("domain", "You cannot block your own server.");
        }
        await blocks.BlockAsync(me, domain, context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Unblock(HttpContext context, AccountDomainBlocks blocks)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:blocks");
        var input = await MastodonParams.ReadAsync(context.Request);
        await blocks.UnblockAsync(me, input.Value("domain", 2_000), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }
}
