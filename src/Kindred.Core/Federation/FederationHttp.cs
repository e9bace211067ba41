using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Core.Federation.Signatures;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Federation;

/// <summary>
/// The outbound seam of federation (ADR 96): one HTTP client for the process that other servers' addresses go through.
/// It connects only to public addresses, checked after DNS at every connection so a name cannot be rebound to the
/// server's own network between a check and the connect; it follows no redirect, waits at most 10 seconds and reads at
/// most 1 MB. <c>Kindred:Federation:DevelopmentMode</c> lifts the address rule and allows http:// for local testing.
/// Every GET is signed (draft-cavage) by the key the caller gives, as servers in authorized-fetch mode require.
/// </summary>
public sealed class FederationHttp : IDisposable
{
    public const int MaxResponseBytes = 1024 * 1024;

    private readonly HttpClient http;
    private readonly TimeProvider time;

    public FederationHttp(IOptions<KindredOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.time = time;
        DevelopmentMode = options.Value.Federation.DevelopmentMode;
        var allowLocal = DevelopmentMode;
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
                    throw new HttpRequestException($"{context.DnsEndPoint.Host} is not a public address.");
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
        http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Kindred/0.1.0");
    }

    public bool DevelopmentMode { get; }

    /// <summary>Whether an address may be fetched at all: https, or http in development mode, with no user part.</summary>
    public bool MayFetch(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsAbsoluteUri && target.UserInfo.Length == 0
            && (target.Scheme == Uri.UriSchemeHttps || (DevelopmentMode && target.Scheme == Uri.UriSchemeHttp));
    }

    /// <summary>Fetches an ActivityStreams document, signed as <paramref name="keyId"/>; null when the address may not
    /// be fetched, the server does not answer 200 with JSON, or the answer is too large.</summary>
    public async Task<JsonDocument?> GetActivityAsync(Uri target, string keyId, RSA key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(key);
        if (!MayFetch(target))
        {
            return null;
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        var date = time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        request.Headers.Host = target.Authority;
        request.Headers.TryAddWithoutValidation("Date", date);
        request.Headers.Accept.ParseAdd("application/activity+json");
        request.Headers.Accept.ParseAdd("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["host"] = target.Authority, ["date"] = date };
        var message = new SignedMessage("GET", target.Scheme, target.Authority, target.PathAndQuery, headers, []);
        request.Headers.TryAddWithoutValidation("Signature", CavageSignatures.Sign(message, CavageSignatures.SignedWithoutBody, keyId, key));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentLength > MaxResponseBytes
                || !IsJson(response.Content.Headers.ContentType))
            {
                return null;
            }
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxResponseBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
            return JsonDocument.Parse(buffer.ToArray());
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Delivers <paramref name="body"/> to an inbox, signed as <paramref name="keyId"/> over
    /// <c>(request-target) host date digest</c> as Mastodon signs. Answers the status code, or null when the address
    /// may not be reached or the connection failed (both worth another try later, except the first).</summary>
    public async Task<HttpStatusCode?> PostActivityAsync(Uri inbox, byte[] body, string keyId, RSA key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(key);
        if (!MayFetch(inbox))
        {
            return null;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, inbox);
        var date = time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var digest = ContentDigests.Digest(body);
        request.Headers.Host = inbox.Authority;
        request.Headers.TryAddWithoutValidation("Date", date);
        request.Headers.TryAddWithoutValidation("Digest", digest);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/activity+json");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["host"] = inbox.Authority, ["date"] = date, ["digest"] = digest };
        var message = new SignedMessage("POST", inbox.Scheme, inbox.Authority, inbox.PathAndQuery, headers, body);
        request.Headers.TryAddWithoutValidation("Signature", CavageSignatures.Sign(message, CavageSignatures.SignedWithBody, keyId, key));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => http.Dispose();

    private static bool IsJson(MediaTypeHeaderValue? type) => type?.MediaType is { } media
        && (media.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
