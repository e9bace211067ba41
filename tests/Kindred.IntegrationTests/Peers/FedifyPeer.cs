using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Peers;

/// <summary>
/// A real, independent ActivityPub server on a free loopback port: Fedify 1.5.9 from npm (pinned in
/// tests/tools/fedify-peer, installed by scripts/test.sh), run by the system's Node, serving the actor "fedi". Missing
/// is an error, never a skip. The test reads what Fedify's inboxes accepted and asks it to follow and to reply through
/// its loopback control addresses (tests/tools/fedify-peer/peer.mjs).
/// </summary>
public sealed class FedifyPeer : HelperServer
{
    private readonly string script;

    private FedifyPeer(string script)
        : base("fedify") => this.script = script;

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string ActorId => BaseUrl + "/users/fedi";

    public string Handle => $"fedi@127.0.0.1:{Port}";

    public static FedifyPeer Start()
    {
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "tools", "fedify-peer", "peer.mjs"));
        var installed = Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "@fedify", "fedify", "package.json");
        if (!File.Exists(installed))
        {
            throw new InvalidOperationException($"{installed} is missing: run `npm ci --prefix tests/tools/fedify-peer` (scripts/test.sh does).");
        }
        var peer = new FedifyPeer(script);
        peer.Resume();
        return peer;
    }

    protected override string ReadyLine => "fedify peer ready";

    protected override TimeSpan ReadyWithin => TimeSpan.FromSeconds(90);

    protected override ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo("node");
        info.ArgumentList.Add(script);
        info.Environment["PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        return info;
    }

    /// <summary>Every activity Fedify's inboxes accepted (signature verified by Fedify), in order.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReceivedAsync()
    {
        using var client = Client();
        return [.. (await client.GetFromJsonAsync<JsonElement>("/control/received")).EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Fedify looks the actor up and sends it a Follow.</summary>
    public async Task FollowAsync(string actorUrl)
    {
        using var client = Client();
        var response = await client.PostAsync("/control/follow?actor=" + Uri.EscapeDataString(actorUrl), null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Fedify replies to the Note publicly, mentioning its author; answers the reply's id.</summary>
    public async Task<string> ReplyAsync(string noteId, string text)
    {
        using var client = Client();
        var response = await client.PostAsync($"/control/reply?to={Uri.EscapeDataString(noteId)}&text={Uri.EscapeDataString(text)}", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private HttpClient Client() => new() { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
}
