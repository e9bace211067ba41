using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Accounts;

/// <summary>
/// The profile directory (Mastodon docs: methods/directory; ADR 80): discoverable members, for signed-in members only.
/// Every account is local, so local=true changes nothing.
/// </summary>
public static class DirectoryEndpoints
{
    public static RouteGroupBuilder MapDirectoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/directory", List).WithSummary("Discoverable members (offset, limit, order=active|new, local)").WithTags("Accounts");
        return api;
    }

    private static async Task<IResult> List(HttpContext context, DirectoryQueries directory, AccountRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:accounts");
        var input = await MastodonParams.ReadAsync(context.Request);
        var offset = input.WholeNumber("offset") ?? 0;
        if (offset < 0)
        {
            throw KindredException.Invalid("offset", "offset must be zero or more.");
        }
        var newest = input.Value("order", 20) switch
        {
            null or "" or "active" => false,
            "new" => true,
            _ => throw KindredException.Invalid("order", "order must be active or new."),
        };
        _ = input.Bool("local");
        var limit = Math.Clamp(input.WholeNumber("limit") ?? DirectoryQueries.DefaultLimit, 1, DirectoryQueries.MaxLimit);
        var accounts = await directory.ListAsync(me, newest, offset, limit, context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderManyAsync(accounts, me, context.RequestAborted));
    }
}
