using System.Globalization;
using System.Threading.Channels;
using Kindred.Core.Common;
using Kindred.Core.Streaming;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Mastodon.Streaming;

/// <summary>
/// One open stream of one member: its subscriptions, a bounded queue of hub events, and the loop that turns each event
/// into what this member may receive (ADR 16). Before every delivery the credential is re-checked; a revoked token, an
/// ended session or a suspended account ends the stream, and so does a queue that fills up because the client reads
/// too slowly (memory per connection stays bounded).
/// </summary>
public sealed class StreamSession
{
    private readonly IServiceScopeFactory scopes;
    private readonly IStreamHub hub;
    private readonly StreamingOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly StreamAccess access;
    private IStreamTransport transport = null!;
    private readonly IStreamFormat format;
    private readonly Channel<StreamEvent> queue;
    private readonly Lock gate = new();
    private readonly List<StreamKey> keys = [];
    private IDisposable? subscription;
    private readonly CancellationToken stopping;

    /// <summary>1 when the hub said this member's access changed; read before every delivery, however many events
    /// wait in the queue, so a revoked credential stops the stream at once (ADR 44).</summary>
    private int accessChanged;

    public StreamSession(IServiceProvider services, StreamAccess access, IStreamFormat format)
    {
        scopes = services.GetRequiredService<IServiceScopeFactory>();
        hub = services.GetRequiredService<IStreamHub>();
        options = services.GetRequiredService<IOptions<StreamingOptions>>().Value;
        time = services.GetRequiredService<TimeProvider>();
        logger = services.GetRequiredService<ILogger<StreamSession>>();
        stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        this.access = access;
        this.format = format;
        queue = Channel.CreateBounded<StreamEvent>(new BoundedChannelOptions(Math.Max(1, options.QueueLength))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Why the stream ended, for tests and logs.</summary>
    public string? EndReason { get; private set; }

    public void Add(StreamKey key)
    {
        lock (gate)
        {
            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }
    }

    public void Remove(StreamKey key)
    {
        lock (gate)
        {
            keys.Remove(key);
        }
    }

    /// <summary>Starts queueing hub events, before the handshake completes, so nothing committed after the client is
    /// told the stream is open can be missed.</summary>
    public void Open() => subscription ??= hub.Subscribe(Offer, () => queue.Writer.TryComplete());

    private bool Offer(StreamEvent e)
    {
        if (e.Kind == StreamEventKind.AccessChanged && (e.AccountId is null || e.AccountId == access.AccountId))
        {
            Volatile.Write(ref accessChanged, 1);
        }
        // The event itself also wakes an idle loop; a full queue ends the stream, which is what a revocation wants.
        return queue.Writer.TryWrite(e);
    }

    /// <summary>Runs until the client leaves (<paramref name="ct"/>), access is lost, the queue overflows, or the server
    /// stops: then the client is told to reconnect (to another node, ADR 93) instead of waiting for the shutdown timeout.</summary>
    public async Task RunAsync(IStreamTransport transport, CancellationToken ct)
    {
        this.transport = transport;
        Open();
        using var running = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
        try
        {
            await LoopAsync(running.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Stopping: handled below.
        }
        finally
        {
            subscription?.Dispose();
        }
        if (stopping.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            EndReason = "The server is stopping.";
            await transport.RestartAsync(ct);
        }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        var heartbeatEvery = TimeSpan.FromSeconds(Math.Max(1, options.HeartbeatSeconds));
        var checkEvery = TimeSpan.FromSeconds(Math.Max(1, options.AccessCheckSeconds));
        var now = time.GetUtcNow();
        var nextHeartbeat = now + heartbeatEvery;
        var nextCheck = now + checkEvery;
        while (!ct.IsCancellationRequested)
        {
            var wait = (nextHeartbeat < nextCheck ? nextHeartbeat : nextCheck) - time.GetUtcNow();
            StreamEvent? e = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                try
                {
                    if (!await queue.Reader.WaitToReadAsync(timeout.Token))
                    {
                        await EndAsync("The client did not keep up with the stream.", ct);
                        return;
                    }
                    queue.Reader.TryRead(out e);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Time for a heartbeat or an access check.
                }
            }
            now = time.GetUtcNow();
            var forced = Interlocked.Exchange(ref accessChanged, 0) == 1;
            if (forced || now >= nextCheck)
            {
                if (!await AllowedAsync(force: true, ct))
                {
                    return;
                }
                nextCheck = now + checkEvery;
            }
            if (now >= nextHeartbeat)
            {
                await transport.HeartbeatAsync(ct);
                nextHeartbeat = now + heartbeatEvery;
            }
            if (e is not null && e.Kind != StreamEventKind.AccessChanged && !await DeliverAsync(e, ct))
            {
                return;
            }
        }
    }

    private async Task<bool> AllowedAsync(bool force, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (await access.StillAllowedAsync(scope.ServiceProvider, force, ct))
        {
            return true;
        }
        await EndAsync("The access token is no longer valid.", ct);
        return false;
    }

    /// <returns>False when the stream must end.</returns>
    private async Task<bool> DeliverAsync(StreamEvent e, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (!await access.StillAllowedAsync(services, force: false, ct))
        {
            await EndAsync("The access token is no longer valid.", ct);
            return false;
        }
        List<StreamKey> current;
        lock (gate)
        {
            current = [.. keys];
        }
        var viewer = access.AccountId;
        try
        {
            switch (e.Kind)
            {
                case StreamEventKind.StatusCreated or StreamEventKind.StatusEdited or StreamEventKind.StatusDeleted or StreamEventKind.StatusFannedOut:
                    var deleted = e.Kind == StreamEventKind.StatusDeleted;
                    // A fan-out job only wrote home feeds: the other streams heard of the status when it was created.
                    var asked = e.Kind == StreamEventKind.StatusFannedOut ? current.Where(k => k.Name == StreamKey.User).ToList() : current;
                    var match = asked.Count == 0 ? null : await services.GetRequiredService<StreamQueries>().MatchAsync(viewer, e.Id, deleted, asked, ct);
                    if (match is null)
                    {
                        break;
                    }
                    var name = e.Kind switch
                    {
                        StreamEventKind.StatusCreated or StreamEventKind.StatusFannedOut => "update",
                        StreamEventKind.StatusEdited => "status.update",
                        _ => "delete",
                    };
                    // Rendered once per filter context, since a warning filter shows in its own contexts only.
                    foreach (var keysOfContext in match.Keys.GroupBy(k => k.FilterContext))
                    {
                        var payload = deleted
                            ? e.Id.ToString(CultureInfo.InvariantCulture)
                            : await format.StatusAsync(services, match.Status, viewer, match.Filters, keysOfContext.Key, ct);
                        foreach (var key in keysOfContext)
                        {
                            await transport.SendAsync(key.Wire, name, payload, ct);
                        }
                    }
                    break;
                case StreamEventKind.Notification when e.AccountId == viewer && access.ReadsNotifications:
                    var streams = current.Where(k => k.Name is StreamKey.User or StreamKey.UserNotification).ToList();
                    if (streams.Count > 0 && await format.NotificationAsync(services, viewer, e.Id, ct) is { } notification)
                    {
                        foreach (var key in streams)
                        {
                            await transport.SendAsync(key.Wire, "notification", notification, ct);
                        }
                    }
                    break;
                case StreamEventKind.Conversation when e.AccountId == viewer:
                    var direct = current.Where(k => k.Name == StreamKey.Direct).ToList();
                    if (direct.Count > 0 && await format.ConversationAsync(services, viewer, e.Id, ct) is { } conversation)
                    {
                        foreach (var key in direct)
                        {
                            await transport.SendAsync(key.Wire, "conversation", conversation, ct);
                        }
                    }
                    break;
                case StreamEventKind.Announcement or StreamEventKind.AnnouncementReaction or StreamEventKind.AnnouncementDeleted:
                    // Announcements speak to every member, on the user stream only (as Mastodon does).
                    var users = current.Where(k => k.Name == StreamKey.User).ToList();
                    if (users.Count > 0 && await format.AnnouncementAsync(services, viewer, e, ct) is { } announcement)
                    {
                        foreach (var key in users)
                        {
                            await transport.SendAsync(key.Wire, announcement.Event, announcement.Payload, ct);
                        }
                    }
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not IOException && ex is not System.Net.WebSockets.WebSocketException)
        {
            // One event that fails to load or render must not end the member's stream.
            logger.LogWarning(ex, "Could not deliver {Kind} {Id} to a stream", e.Kind, e.Id);
        }
        return true;
    }

    private async Task EndAsync(string reason, CancellationToken ct)
    {
        EndReason = reason;
        await transport.CloseAsync(reason, ct);
    }
}
