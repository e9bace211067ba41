using Kindred.Core.Streaming;
using Kindred.Server.Mastodon.Streaming;

namespace Kindred.Server.Web.Live;

/// <summary>
/// The web UI's live updates: an event stream for the signed-in member, authenticated by the session cookie, fed by
/// the same hub and rules as the streaming API (the <c>user</c> stream: home feed and notifications). Pages work
/// without it; wwwroot/js/live.js only adds "new posts" and a live notification count.
/// </summary>
public static class LiveEndpoints
{
    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/live/stream", StreamAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task StreamAsync(HttpContext context)
    {
        if (Shared.UserClaims.Id(context.User) is not { } me || Shared.UserClaims.SessionId(context.User) is not { } session)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var access = StreamAccess.ForSession(me, session, context.RequestServices.GetRequiredService<TimeProvider>());
        if (!await access.StillAllowedAsync(context.RequestServices, force: true, context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var transport = new EventStreamTransport(context.Response);
        var stream = new StreamSession(context.RequestServices, access, WebStreamFormat.Instance);
        stream.Add(new StreamKey(StreamKey.User));
        stream.Open();
        await transport.StartAsync(context.RequestAborted);
        try
        {
            await stream.RunAsync(transport, context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The page was closed.
        }
    }
}
