using Kindred.Core.Common;
using Microsoft.Net.Http.Headers;

namespace Kindred.Server.Hosting;

/// <summary>
/// Serves /media/{key} from the media store (ADR 98), whichever it is, with the rule the static-file middleware applied
/// before (ADR 13): the unguessable key is the capability, the JSON and pages that reveal a key are rendered only for
/// those allowed to see it. Export archives are never served here (only <c>/settings/export/{id}.zip</c>, to their owner),
/// nor an unknown type. Conditional and range requests work as they did.
/// </summary>
public static class MediaFiles
{
    private static readonly PathString Prefix = new("/media");

    public static IApplicationBuilder UseMediaFiles(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !context.Request.Path.StartsWithSegments(Prefix, out var rest) || !rest.HasValue)
        {
            await next(context);
            return;
        }
        var key = rest.Value![1..];
        if (!MediaKeys.IsValid(key) || key.StartsWith(MediaKeys.ExportsPrefix, StringComparison.Ordinal) || MediaKeys.ContentType(key) is not { } type)
        {
            // As the static-file middleware did: what it would not serve falls through to the not-found page.
            await next(context);
            return;
        }
        var store = context.RequestServices.GetRequiredService<IMediaStore>();
        var opened = await store.OpenAsync(key, context.RequestAborted);
        if (opened is null)
        {
            await next(context);
            return;
        }
        await using (opened)
        {
            var tag = opened.EntityTag is { Length: > 0 } t && EntityTagHeaderValue.TryParse(t, out var parsed) ? parsed : null;
            await Results.Stream(opened.Content, type, lastModified: opened.LastModified, entityTag: tag, enableRangeProcessing: true)
                .ExecuteAsync(context);
        }
    });
}
