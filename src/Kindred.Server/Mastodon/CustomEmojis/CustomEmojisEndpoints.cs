using Kindred.Core.CustomEmojis;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.CustomEmojis;

/// <summary>
/// The server's custom emojis (Mastodon docs: methods/custom_emojis, ADR 82): public, like Mastodon's, since they are
/// what any visitor sees in public posts. Every enabled emoji is listed, those kept out of pickers with
/// <c>visible_in_picker: false</c>; disabled ones not at all.
/// </summary>
public static class CustomEmojisEndpoints
{
    public static RouteGroupBuilder MapCustomEmojisEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/v1/custom_emojis").WithTags("CustomEmojis")
            .MapGet("", List).WithSummary("The custom emojis members may use");
        return api;
    }

    private static async Task<IResult> List(HttpContext context, CustomEmojiQueries emojis, CustomEmojiRenderer renderer)
    {
        var list = await emojis.EnabledAsync(context.RequestAborted);
        return MastodonJson.Ok(list.Select(renderer.Render).ToList());
    }
}
