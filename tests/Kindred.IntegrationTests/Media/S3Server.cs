using System.Diagnostics;
using System.Globalization;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Media;

/// <summary>
/// A real S3-compatible server on a free loopback port for the media-store tests (ADR 98): npm's s3rver 3.7.1, pinned in
/// tests/tools/s3rver and installed by scripts/test.sh, run by the system's Node, with the bucket "kindred" made at start.
/// Missing is an error, never a skip (as for PostgreSQL and redis-server). It can be stopped and started again on the same
/// port and folder, to show what the server does while its store is away.
/// </summary>
public sealed class S3Server : HelperServer
{
    public const string Bucket = "kindred";

    /// <summary>s3rver's fixed credentials.</summary>
    public const string AccessKey = "S3RVER";

    private readonly string script;

    private S3Server(string script)
        : base("s3") => this.script = script;

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>The server's settings for a Kindred that keeps its media in this store.</summary>
    public IEnumerable<(string Key, string Value)> Settings()
    {
        yield return ("Kindred:Media:Store", "s3");
        yield return ("Kindred:Media:S3:Endpoint", Endpoint);
        yield return ("Kindred:Media:S3:Bucket", Bucket);
        yield return ("Kindred:Media:S3:AccessKey", AccessKey);
        yield return ("Kindred:Media:S3:SecretKey", AccessKey);
        yield return ("Kindred:Media:S3:PathStyle", "true");
        yield return ("Kindred:Media:S3:TimeoutSeconds", "5");
    }

    public static S3Server Start()
    {
        var script = Environment.GetEnvironmentVariable("KINDRED_S3RVER") is { Length: > 0 } set ? set
            : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "tools", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js"));
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run `npm ci --prefix tests/tools/s3rver` (scripts/test.sh does) or set KINDRED_S3RVER.");
        }
        var server = new S3Server(script);
        server.Resume();
        return server;
    }

    protected override string ReadyLine => "listening on";

    protected override TimeSpan ReadyWithin => TimeSpan.FromSeconds(60);

    protected override ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo("node");
        foreach (var argument in new[] { script, "-d", Folder, "-a", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket })
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }
}
