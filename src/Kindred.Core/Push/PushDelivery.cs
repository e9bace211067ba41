using System.Net;
using System.Net.Sockets;
using Kindred.Core.Common;
using Kindred.Data.Entities;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Push;

/// <summary>
/// Sends one encrypted push (RFC 8030, payload per RFC 8291 aes128gcm, VAPID per RFC 8292) through
/// Lib.Net.Http.WebPush. The outbound seam of push: one HTTP client for the process that follows no redirect and
/// connects only to public addresses (unless the operator allows a local stub), since members choose the endpoint.
/// A singleton.
/// </summary>
public sealed class PushDelivery : IDisposable
{
    private readonly HttpClient http;
    private readonly PushServiceClient client;

    public PushDelivery(IOptions<PushOptions> options)
    {
        var allowLocal = options.Value.AllowInsecureEndpoints;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = async (context, ct) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
                var allowed = addresses.Where(a => allowLocal || PublicAddresses.IsPublic(a)).ToArray();
                if (allowed.Length == 0)
                {
                    throw new HttpRequestException($"The push endpoint {context.DnsEndPoint.Host} is not a public address.");
                }
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        // Retries belong to the job runner (backoff, dead letter), not to the client.
        client = new PushServiceClient(http) { AutoRetryAfter = false };
    }

    /// <returns>False when the push service says the subscription is gone (404 or 410); throws on other failures, so
    /// the job runner tries again later.</returns>
    public async Task<bool> SendAsync(WebPushSubscription subscription, string json, PushMessageUrgency urgency, int timeToLive, WebPushKey key, string subject, CancellationToken ct)
    {
        var target = new PushSubscription
        {
            Endpoint = subscription.Endpoint,
            Keys = new Dictionary<string, string>(StringComparer.Ordinal) { ["p256dh"] = subscription.P256dh, ["auth"] = subscription.Auth },
        };
        var message = new PushMessage(json) { Urgency = urgency, TimeToLive = timeToLive };
        try
        {
            // Made per push: cheap, and an instance is not shared between concurrent jobs.
            using var vapid = new VapidAuthentication(key.PublicKey, key.PrivateKey) { Subject = subject };
            await client.RequestPushMessageDeliveryAsync(target, message, vapid, VapidAuthenticationScheme.Vapid, ct);
            return true;
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return false;
        }
    }

    public void Dispose() => http.Dispose();
}
