using Kindred.Core.Common;
using Kindred.Core.Media;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;

namespace Kindred.Server.Mastodon.Media;

/// <summary>
/// Uploading and describing post images (Mastodon docs: methods/media). Mastodon asks write:media for all four
/// methods, reading included, since only the uploader ever reads an attachment this way. Images are processed
/// before the answer, so v2 answers 200 with the URLs rather than 202 with url null.
/// </summary>
public static class MediaEndpoints
{
    private const string Scope = "write:media";

    public static RouteGroupBuilder MapMediaEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/v2/media", Upload).WithSummary("Upload an image (multipart: file, description, focus); answered once processed").WithTags("Media").DisableAntiforgery();
        api.MapPost("/v1/media", Upload).WithSummary("Upload an image (legacy path of /api/v2/media)").WithTags("Media").DisableAntiforgery();
        api.MapGet("/v1/media/{id}", Get).WithSummary("One of one's own uploads").WithTags("Media");
        api.MapPut("/v1/media/{id}", Update).WithSummary("Change the description or focus of an upload not yet posted").WithTags("Media");
        return api;
    }

    private static async Task<IResult> Upload(HttpContext context, MediaService media, MediaRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, Scope);
        var input = await MastodonParams.ReadAsync(context.Request);
        var file = input.Files.GetFile("file") ?? throw KindredException.Invalid("file", "Choose an image to upload (the multipart field \"file\").");
        await using var stream = file.OpenReadStream();
        var uploaded = await media.UploadAsync(
            me,
            stream,
            input.Value("description", MediaLimits.MaxDescription * 4),
            input.Value("focus", 100),
            context.RequestAborted);
        return MastodonJson.Ok(renderer.Render(uploaded));
    }

    private static async Task<IResult> Get(string id, HttpContext context, MediaService media, MediaRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, Scope);
        return MastodonJson.Ok(renderer.Render(await media.GetOwnAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted)));
    }

    private static async Task<IResult> Update(string id, HttpContext context, MediaService media, MediaRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, Scope);
        var input = await MastodonParams.ReadAsync(context.Request);
        var updated = await media.UpdateAsync(
            me,
            new MediaChange(StatusesEndpoints.ParseId(id), input.Value("description", MediaLimits.MaxDescription * 4), input.Value("focus", 100)),
            context.RequestAborted);
        return MastodonJson.Ok(renderer.Render(updated));
    }
}
