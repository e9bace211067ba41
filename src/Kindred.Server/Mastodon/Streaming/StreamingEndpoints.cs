using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Core.Streaming;
using Kindred.Server.Mastodon.OAuth;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Kindred.Server.Mastodon.Streaming;

/// <summary>
/// The streaming API (Mastodon docs: methods/streaming): one WebSocket at /api/v1/streaming carrying any number of
/// streams (subscribe and unsubscribe messages), the server-sent-events variants, and the health check. Every stream
/// needs a member's token; the same rules as the REST timelines decide what each member receives (ADR 16).
/// </summary>
public static class StreamingEndpoints
{
    private const int MaxClientMessageBytes = 4096;

    /// <summary>The SSE paths and the stream each one is.</summary>
    private static readonly Dictionary<string, string> EventStreamPaths = new()
    {
        ["user"] = StreamKey.User,
        ["user/notification"] = StreamKey.UserNotification,
        ["public"] = StreamKey.Public,
        ["public/local"] = StreamKey.PublicLocal,
        ["hashtag"] = StreamKey.Hashtag,
        ["hashtag/local"] = StreamKey.HashtagLocal,
        ["list"] = StreamKey.List,
        ["direct"] = StreamKey.Direct,
    };

    public static RouteGroupBuilder MapStreamingEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/streaming/health", () => Results.Text("OK", "text/plain")).WithSummary("Whether the streaming API is up").WithTags("Streaming");
        api.MapGet("/v1/streaming", Connect).WithSummary("A WebSocket (or, with ?stream=, an event stream) of live events").WithTags("Streaming");
        foreach (var (path, stream) in EventStreamPaths)
        {
            api.MapGet("/v1/streaming/" + path, (HttpContext context) => EventStreamAsync(context, stream))
                .WithSummary($"Server-sent events of the {stream} stream").WithTags("Streaming");
        }
        return api;
    }

    private static Task Connect(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest ? WebSocketAsync(context) : EventStreamAsync(context, context.Request.Query["stream"].ToString());

    private static async Task EventStreamAsync(HttpContext context, string stream)
    {
        var key = KeyFrom(context.Request.Query, stream);
        var (principal, access) = await AuthenticateAsync(context);
        await AuthorizeAsync(context.RequestServices, principal, access.AccountId, key, context.RequestAborted);
        var transport = new EventStreamTransport(context.Response);
        var session = new StreamSession(context.RequestServices, access, MastodonStreamFormat.Instance);
        session.Add(key);
        session.Open();
        await transport.StartAsync(context.RequestAborted);
        try
        {
            await session.RunAsync(transport, context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away.
        }
    }

    private static async Task WebSocketAsync(HttpContext context)
    {
        var request = context.Request;
        // Browsers cannot set headers on a WebSocket, so the token may come as the requested subprotocol; the
        // handshake must then name it as the selected one, or the browser drops the connection.
        var protocol = request.Headers.SecWebSocketProtocol.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (protocol is not null && request.Headers.Authorization.Count == 0 && !request.Query.ContainsKey("access_token"))
        {
            request.Headers.Authorization = "Bearer " + protocol;
        }
        StreamKey? initial = request.Query.ContainsKey("stream") ? KeyFrom(request.Query, request.Query["stream"].ToString()) : null;
        var (principal, access) = await AuthenticateAsync(context);
        if (initial is not null)
        {
            await AuthorizeAsync(context.RequestServices, principal, access.AccountId, initial, context.RequestAborted);
        }
        var options = context.RequestServices.GetRequiredService<IOptions<StreamingOptions>>().Value;
        // Subscribed before the handshake: whatever is committed once the client sees the stream open reaches it.
        var session = new StreamSession(context.RequestServices, access, MastodonStreamFormat.Instance);
        if (initial is not null)
        {
            session.Add(initial);
        }
        session.Open();
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = protocol,
            KeepAliveInterval = TimeSpan.FromSeconds(Math.Max(1, options.HeartbeatSeconds)),
        });
        using var transport = new WebSocketTransport(socket);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var receiving = ReceiveAsync(context.RequestServices, principal, access.AccountId, session, transport, stop.Token);
        var running = session.RunAsync(transport, stop.Token);
        await Task.WhenAny(receiving, running);
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(receiving, running);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or WebSocketException)
        {
            // The client went away, or the stream was ended.
        }
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or WebSocketException)
            {
            }
        }
    }

    /// <summary>Reads subscribe and unsubscribe messages until the client closes the socket.</summary>
    private static async Task ReceiveAsync(IServiceProvider services, ClaimsPrincipal principal, long accountId, StreamSession session, WebSocketTransport transport, CancellationToken ct)
    {
        while (await transport.ReceiveAsync(MaxClientMessageBytes, ct) is { } text)
        {
            string? type;
            StreamKey key;
            try
            {
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement;
                type = Text(root, "type");
                key = StreamKey.Parse(Text(root, "stream"), Text(root, "tag"), Text(root, "list"));
                if (type == "subscribe")
                {
                    await using var scope = services.CreateAsyncScope();
                    await AuthorizeAsync(scope.ServiceProvider, principal, accountId, key, ct);
                }
            }
            catch (JsonException)
            {
                await transport.SendErrorAsync("Invalid JSON", 400, ct);
                continue;
            }
            catch (KindredException e)
            {
                // As over HTTP, an unknown stream or a missing parameter is a 400.
                await transport.SendErrorAsync(e.Message, e.Kind == ErrorKind.Invalid ? 400 : MastodonErrors.StatusFor(e.Kind), ct);
                continue;
            }
            switch (type)
            {
                case "subscribe":
                    session.Add(key);
                    break;
                case "unsubscribe":
                    session.Remove(key);
                    break;
                default:
                    await transport.SendErrorAsync("Unknown message type", 400, ct);
                    break;
            }
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static StreamKey KeyFrom(IQueryCollection query, string stream)
    {
        try
        {
            return StreamKey.Parse(stream, query["tag"].FirstOrDefault(), query["list"].FirstOrDefault());
        }
        catch (KindredException e) when (e.Kind == ErrorKind.Invalid)
        {
            // Mastodon answers an unknown stream with 400, not a validation error.
            throw new KindredException(ErrorKind.BadRequest, e.Message);
        }
    }

    /// <summary>A member's token is required (app tokens and anonymous callers get 401, as in Mastodon).</summary>
    private static async Task<(ClaimsPrincipal Principal, StreamAccess Access)> AuthenticateAsync(HttpContext context)
    {
        var principal = await MastodonAuth.PrincipalAsync(context) ?? throw new KindredException(ErrorKind.Unauthorized, "Missing access token");
        if (await MastodonAuth.ViewerAsync(context) is null)
        {
            // An app token has no member behind it; Mastodon's streaming server refuses it like a bad token.
            throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
        }
        var me = await MastodonAuth.RequireUserAsync(context, "read:statuses", "read:notifications", "read:lists");
        var tokenId = principal.GetTokenId() ?? throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
        var access = StreamAccess.ForToken(me, tokenId, MastodonScopes.Allows(principal, "read:notifications"), context.RequestServices.GetRequiredService<TimeProvider>());
        if (!await access.StillAllowedAsync(context.RequestServices, force: true, context.RequestAborted))
        {
            throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
        }
        return (principal, access);
    }

    private static async Task AuthorizeAsync(IServiceProvider services, ClaimsPrincipal principal, long accountId, StreamKey key, CancellationToken ct)
    {
        if (!key.Scopes.Any(scope => MastodonScopes.Allows(principal, scope)))
        {
            throw KindredException.Forbidden("This action is outside the authorized scopes");
        }
        await services.GetRequiredService<StreamQueries>().CheckAsync(accountId, key, ct);
    }
}
