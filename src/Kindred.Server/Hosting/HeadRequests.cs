using Microsoft.AspNetCore.Http.Features;

namespace Kindred.Server.Hosting;

/// <summary>
/// HEAD on a page is answered as GET without a body (RFC 9110 §9.3.2): pages and feeds map GET only, so routing alone
/// answers HEAD with an error, and link checkers and uptime monitors use HEAD. Runs before routing. The API and the live
/// event streams are left alone: a stream asked for by HEAD would never end.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (!HttpMethods.IsHead(context.Request.Method) || path.StartsWithSegments("/api") || path.StartsWithSegments("/live"))
        {
            await next(context);
            return;
        }
        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Features.Set(body);
        }
    });
}
