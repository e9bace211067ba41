using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// A loopback SMTP server with just the commands MailKit sends to a server that offers no extensions (EHLO, MAIL,
/// RCPT, DATA, RSET, NOOP, QUIT). While held it accepts connections but says nothing, so a node's mail job stays
/// mid-delivery with its claim taken, as a slow mail server keeps it; <see cref="Release"/> lets every connection,
/// held or new, go on. It records each message's recipients, so a test can count deliveries per address.
/// </summary>
public sealed class SmtpStub : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> recipients = new();
    private int connections;

    public SmtpStub()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Connections accepted so far, held or served.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>One entry per recipient of every message accepted (after the final "250" of DATA).</summary>
    public IReadOnlyList<string> Delivered => [.. recipients];

    public void Release() => released.TrySetResult();

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await released.Task.WaitAsync(stopping.Token);
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 stub ESMTP");
                var to = new List<string>();
                while (await reader.ReadLineAsync(stopping.Token) is { } line)
                {
                    var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                        case "HELO":
                            await writer.WriteLineAsync("250 stub");
                            break;
                        case "MAIL":
                            to.Clear();
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "RCPT":
                            to.Add(line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)]);
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 go on");
                            while (await reader.ReadLineAsync(stopping.Token) is { } body && body != ".")
                            {
                            }
                            foreach (var address in to)
                            {
                                recipients.Enqueue(address);
                            }
                            await writer.WriteLineAsync("250 queued");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 OK");
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The node went away mid-conversation (the test killed it), or the stub is stopping.
            }
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        stopping.Dispose();
    }
}
