using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>
/// A push service on the loopback (RFC 8030) for the web push tests: it records what the server sends and answers with
/// the status a test queued (201 by default). It also plays the browser: it holds a subscription's P-256 key pair and
/// auth secret and decrypts the aes128gcm payload (RFC 8291, RFC 8188) with the BCL alone (ECDH, HKDF, AES-GCM), so the
/// check does not share code with the library that encrypted it.
/// </summary>
public sealed class PushServiceStub : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> answers = new();
    private readonly Task loop;

    public PushServiceStub()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(BaseUrl + "/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The next answers, in order; once used up, 201 Created.</summary>
    public void Answer(params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses)
        {
            answers.Enqueue(status);
        }
    }

    /// <summary>A new browser subscription at this stub.</summary>
    public Browser NewBrowser() => new(BaseUrl + "/push/" + Guid.NewGuid().ToString("N"));

    public IReadOnlyList<Received> To(Browser browser) => [.. Requests.Where(r => r.Path == new Uri(browser.Endpoint).AbsolutePath)];

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var status = answers.TryDequeue(out var queued) ? queued : HttpStatusCode.Created;
            Requests.Enqueue(new Received(context.Request.Url!.AbsolutePath, headers, body.ToArray(), status));
            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }
    }

    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, HttpStatusCode Answered);

    /// <summary>The user agent's side of one subscription.</summary>
    public sealed class Browser(string endpoint)
    {
        private readonly ECDiffieHellman key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        public string Endpoint { get; } = endpoint;

        public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);

        public byte[] PublicKey
        {
            get
            {
                var q = key.ExportParameters(false).Q;
                return [0x04, .. q.X!, .. q.Y!];
            }
        }

        public string P256dh => Base64Url.EncodeToString(PublicKey);

        public string Auth => Base64Url.EncodeToString(AuthSecret);

        /// <summary>Decrypts an aes128gcm push message body into its JSON (RFC 8291 section 3.4, RFC 8188 section 2).</summary>
        public JsonElement Decrypt(byte[] body)
        {
            var salt = body.AsSpan(0, 16).ToArray();
            var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
            var idLength = body[20];
            var serverKey = body.AsSpan(21, idLength).ToArray();
            var cipher = body.AsSpan(21 + idLength).ToArray();
            Assert.Equal(65, idLength);
            Assert.True(cipher.Length <= recordSize, "One record expected");

            using var server = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = serverKey[1..33], Y = serverKey[33..65] },
            });
            var shared = key.DeriveRawSecretAgreement(server.PublicKey);
            byte[] keyInfo = [.. "WebPush: info\0"u8, .. PublicKey, .. serverKey];
            var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, AuthSecret, keyInfo);
            var contentKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
            var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());
            var plain = new byte[cipher.Length - 16];
            using (var aes = new AesGcm(contentKey, 16))
            {
                aes.Decrypt(nonce, cipher.AsSpan(0, cipher.Length - 16), cipher.AsSpan(cipher.Length - 16), plain);
            }
            // The last record ends with the delimiter 2 and optional zero padding.
            var end = plain.Length - 1;
            while (end >= 0 && plain[end] == 0)
            {
                end--;
            }
            Assert.Equal(2, plain[end]);
            return JsonDocument.Parse(Encoding.UTF8.GetString(plain, 0, end)).RootElement.Clone();
        }
    }
}
