using System.Text;
using System.Text.Json;
using Kindred.Core.Federation;
using Kindred.Core.Federation.Signatures;
using Kindred.Core.Peers;

namespace Kindred.Server.ActivityPub;

/// <summary>
/// The inboxes (ADR 96): each member's, each public group's, the instance actor's and the shared one. A delivery is
/// checked (signature, then the key's owner is the activity's actor, then the activity's id lives on the actor's
/// host), stored once per activity id, and answered 202. A missing or bad signature is 401; a body that is not an
/// activity 400; more than 256 KB 413. The store queues the job that acts on the activity (ADR 101).
/// </summary>
public static class ActivityInboxEndpoints
{
    public static IEndpointRouteBuilder MapActivityInboxEndpoints(this IEndpointRouteBuilder app)
    {
        var inboxes = app.MapGroup("").WithTags("Federation").ExcludeFromDescription().DisableAntiforgery().BareStatuses();
        inboxes.MapPost("/inbox", (HttpContext context, InboxSignatures signatures, FederationInbox inbox, ActorRenderer actors, CancellationToken ct) =>
            ReceiveAsync(context, null, signatures, inbox, actors, ct));
        inboxes.MapPost("/actor/inbox", (HttpContext context, InboxSignatures signatures, FederationInbox inbox, ActorRenderer actors, CancellationToken ct) =>
            ReceiveAsync(context, null, signatures, inbox, actors, ct));
        inboxes.MapPost("/users/{username}/inbox", PostAccountInbox);
        inboxes.MapPost("/groups/{slug}/inbox", PostGroupInbox);
        return app;
    }

    private static async Task<IResult> PostAccountInbox(HttpContext context, string username, ActorQueries queries, InboxSignatures signatures,
        FederationInbox inbox, ActorRenderer actors, CancellationToken ct) =>
        await queries.AccountAsync(username, ct) is { } account
            ? await ReceiveAsync(context, account.Username, signatures, inbox, actors, ct)
            : Results.NotFound();

    private static async Task<IResult> PostGroupInbox(HttpContext context, string slug, ActorQueries queries, InboxSignatures signatures,
        FederationInbox inbox, ActorRenderer actors, CancellationToken ct) =>
        await queries.GroupAsync(slug, ct) is { } group
            ? await ReceiveAsync(context, "groups/" + group.Slug, signatures, inbox, actors, ct)
            : Results.NotFound();

    private static async Task<IResult> ReceiveAsync(HttpContext context, string? recipient, InboxSignatures signatures, FederationInbox inbox,
        ActorRenderer actors, CancellationToken ct)
    {
        var request = context.Request;
        if (request.ContentLength > FederationInbox.MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var body = await ReadAsync(request.Body, ct);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(", ", values.OfType<string>());
        }
        var message = new SignedMessage(request.Method, request.Scheme, request.Host.Value ?? "", request.Path.Value + request.QueryString.Value, headers, body);
        var verification = await signatures.VerifyAsync(message, actors.InstanceKeyId, ct);
        if (!verification.Valid)
        {
            return Results.Text(verification.Refusal, "text/plain; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
        }
        string id, type, actor, json;
        try
        {
            json = Encoding.UTF8.GetString(body);
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "id") is not { } activityId || Text(root, "type") is not { } activityType)
            {
                return Results.BadRequest();
            }
            id = activityId;
            type = activityType;
            actor = root.TryGetProperty("actor", out var named) ? named.ValueKind switch
            {
                JsonValueKind.String => named.GetString() ?? "",
                JsonValueKind.Object => Text(named, "id") ?? "",
                _ => "",
            } : "";
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        // Mastodon's rule: the key that signed must be the actor's. A relay forwarding someone else's activity would
        // need a linked-data signature, which Kindred does not check yet, so such a delivery is refused too.
        if (actor != verification.Actor)
        {
            return Results.Text("the signing key does not belong to the activity's actor", "text/plain; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
        }
        // An activity id on another host would let one server claim (and so block) ids of another's activities.
        if (!Uri.TryCreate(id, UriKind.Absolute, out var idUri) || !Uri.TryCreate(actor, UriKind.Absolute, out var actorUri)
            || !string.Equals(idUri.Authority, actorUri.Authority, StringComparison.OrdinalIgnoreCase) || id.Length > 2048)
        {
            return Results.BadRequest();
        }
        await inbox.StoreAsync(id, type, actor, recipient, json, ct);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>The body, or null when it is larger than the inbox takes (a chunked body has no Content-Length to refuse early).</summary>
    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > FederationInbox.MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
