using System.Diagnostics;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// Debian's <c>redis-server</c> on a free loopback port, without persistence, for the multi-node tests (ADR 93).
/// A missing binary is an error, never a skip (scripts/test.sh installs it), as for PostgreSQL: a suite that skips
/// would let CI pass with the multi-node paths untested. It can be stopped and started again on the same port, to
/// show what a node does while Redis is away.
/// </summary>
public sealed class RedisServer : HelperServer
{
    /// <summary>Where Debian's redis-server package puts it; KINDRED_REDIS_SERVER overrides.</summary>
    public const string DefaultBinary = "/usr/bin/redis-server";

    private readonly string binary;

    private RedisServer(string binary)
        : base("redis") => this.binary = binary;

    public string ConnectionString => $"127.0.0.1:{Port}";

    protected override string ReadyLine => "Ready to accept connections";

    public static RedisServer Start()
    {
        var binary = Environment.GetEnvironmentVariable("KINDRED_REDIS_SERVER") is { Length: > 0 } set ? set : DefaultBinary;
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} is missing: install Debian's redis-server (scripts/test.sh does) or set KINDRED_REDIS_SERVER.");
        }
        var server = new RedisServer(binary);
        server.Resume();
        return server;
    }

    protected override ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo(binary);
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", Folder })
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }
}
