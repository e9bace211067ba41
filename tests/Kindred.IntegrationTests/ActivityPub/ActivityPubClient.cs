using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.ActivityPub;

/// <summary>Requests as another fediverse server makes them: Accept application/activity+json (or the ld+json profile).</summary>
public static class ActivityPubClient
{
    public const string LdJson = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    public static async Task<HttpResponseMessage> GetAsync(KindredApp app, string path, string accept = "application/activity+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        return await app.Api().SendAsync(request);
    }

    /// <summary>The ActivityStreams document at <paramref name="path"/>; fails unless it is 200 with the AS media type.</summary>
    public static async Task<JsonElement> JsonAsync(KindredApp app, string path, string accept = "application/activity+json")
    {
        var response = await GetAsync(app, path, accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/activity+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
