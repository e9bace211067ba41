using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Core.Deletion;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Media;

/// <summary>
/// The media store (ADR 98) on the local folder and on a real S3-compatible server, each on SQLite and PostgreSQL: an
/// upload is kept in the configured store and served byte for byte at its address; who can find and read a post's image,
/// a secret group's picture and an export is the same on both; deleting a post's images and erasing an account remove
/// their objects.
/// </summary>
public abstract class MediaStoreTests(MediaStoreApp app)
{
    private static int users;

    protected MediaStoreApp App => app;

    protected static string Name(string prefix) => prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);

    protected async Task<(long Id, string Name, string Token)> MemberAsync(string prefix)
    {
        var name = Name(prefix);
        var user = await app.CreateUserAsync(name);
        return (user.Id, name, await app.TokenAsync(name));
    }

    protected static MultipartFormDataContent Picture(string field = "file", params (string Field, string Value)[] more)
    {
        var file = new ByteArrayContent(TestImages.Png(90, 60));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var form = new MultipartFormDataContent { { file, field, "p.png" } };
        foreach (var (name, value) in more)
        {
            form.Add(new StringContent(value), name);
        }
        return form;
    }

    protected async Task<JsonElement> UploadAsync(string token) =>
        await KindredApp.Json(await app.Api(token).PostAsync("/api/v2/media", Picture()), HttpStatusCode.OK);

    /// <summary>The address path of a URL in JSON, e.g. /media/attachments/3f…9a.png.</summary>
    protected static string PathOf(JsonElement json, string property) => new Uri(json.GetProperty(property).GetString()!).AbsolutePath;

    protected static string KeyOf(string path) => path["/media/".Length..];

    private async Task<JsonElement> PostWithImageAsync(string token, string visibility)
    {
        var media = await UploadAsync(token);
        return await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["status"] = "A picture, " + visibility,
            ["visibility"] = visibility,
            ["media_ids[]"] = media.GetProperty("id").GetString()!,
        })), HttpStatusCode.OK);
    }

    /// <summary>The body when the reader may see the thing, else nothing (whatever status says no).</summary>
    private static async Task<string> BodyIfShownAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : "";
    }

    private async Task AssertServedAsync(HttpClient reader, string path)
    {
        var response = await reader.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await app.StoredBytesAsync(KeyOf(path)), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnUploadIsKeptInTheConfiguredStoreAndServedByteForByte()
    {
        var (_, _, token) = await MemberAsync("ms_up");
        var media = await UploadAsync(token);
        var path = PathOf(media, "url");
        var key = KeyOf(path);
        Assert.Equal(app.S3 is null ? "local" : "s3", app.Store.Name);
        var stored = await app.StoredBytesAsync(key);
        Assert.NotNull(stored);
        // The local store keeps today's layout; the object store writes nothing to this node's disk.
        Assert.Equal(app.S3 is null, File.Exists(Path.Combine(app.DataDirectory, "media", key)));

        var response = await app.Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MediaKeys.ContentType(key), response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(stored, await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(await app.StoredBytesAsync(KeyOf(PathOf(media, "preview_url"))));

        // A browser's cached copy stays good; a range is answered as the static files did (on the local folder).
        var tag = response.Headers.ETag;
        Assert.NotNull(tag);
        using var cached = new HttpRequestMessage(HttpMethod.Get, path);
        cached.Headers.IfNoneMatch.Add(tag);
        Assert.Equal(HttpStatusCode.NotModified, (await app.Browser().SendAsync(cached)).StatusCode);
        using var ranged = new HttpRequestMessage(HttpMethod.Get, path);
        ranged.Headers.Range = new RangeHeaderValue(0, 9);
        var part = await app.Browser().SendAsync(ranged);
        if (app.S3 is null)
        {
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal(stored[..10], await part.Content.ReadAsByteArrayAsync());
        }
        else
        {
            // The object store's stream cannot seek: a range is answered with the whole picture, which clients accept.
            Assert.Equal(HttpStatusCode.OK, part.StatusCode);
            Assert.Equal(stored, await part.Content.ReadAsByteArrayAsync());
        }

        // A key that is not there, or not a picture, is the usual not-found page.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/media/attachments/" + new string('0', 32) + ".png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/media/attachments/x.txt")).StatusCode);
    }

    [Fact]
    public async Task WhoFindsAndReadsMediaIsTheSameOnEveryStore()
    {
        var author = await MemberAsync("ms_author");
        var stranger = await MemberAsync("ms_stranger");
        var readers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = app.Api(),
            ["member"] = app.Api(stranger.Token),
            ["author"] = app.Api(author.Token),
        };

        // A public post's image: everyone finds its address, and reads it.
        var open = await PostWithImageAsync(author.Token, "public");
        var openPath = PathOf(open.GetProperty("media_attachments")[0], "url");
        // A members-only post's image: only signed-in members find its address (the JSON that reveals it is the check, ADR 13).
        var members = await PostWithImageAsync(author.Token, "members_only");
        var membersPath = PathOf(members.GetProperty("media_attachments")[0], "url");
        // A secret group's picture: only its members find it.
        var group = await KindredApp.Json(await app.Api(author.Token).PostAsync("/api/v1/groups", Picture("avatar", ("display_name", "Quiet Room"))), HttpStatusCode.OK);
        var groupId = group.GetProperty("id").GetString()!;
        var groupPath = PathOf(group, "avatar");
        var secret = await app.Api(author.Token).PutAsync($"/api/v1/groups/{groupId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["visibility"] = "secret" }));
        Assert.Equal(HttpStatusCode.OK, secret.StatusCode);

        var finds = new Dictionary<(string Reader, string Thing), bool>();
        foreach (var (reader, client) in readers)
        {
            finds[(reader, "public post")] = (await BodyIfShownAsync(client, $"/api/v1/statuses/{open.GetProperty("id").GetString()}")).Contains(openPath, StringComparison.Ordinal);
            finds[(reader, "members-only post")] = (await BodyIfShownAsync(client, $"/api/v1/statuses/{members.GetProperty("id").GetString()}")).Contains(membersPath, StringComparison.Ordinal);
            finds[(reader, "secret group")] = (await BodyIfShownAsync(client, $"/api/v1/groups/{groupId}")).Contains(groupPath, StringComparison.Ordinal);
        }
        var expected = new Dictionary<(string Reader, string Thing), bool>
        {
            [("anonymous", "public post")] = true,
            [("member", "public post")] = true,
            [("author", "public post")] = true,
            [("anonymous", "members-only post")] = false,
            [("member", "members-only post")] = true,
            [("author", "members-only post")] = true,
            [("anonymous", "secret group")] = false,
            [("member", "secret group")] = false,
            [("author", "secret group")] = true,
        };
        Assert.Equal(expected.OrderBy(e => e.Key.ToString()), finds.OrderBy(e => e.Key.ToString()));
        // Whoever holds an address reads the same bytes as the store holds, through the server, on either store.
        foreach (var client in readers.Values)
        {
            foreach (var path in new[] { openPath, membersPath, groupPath })
            {
                await AssertServedAsync(client, path);
            }
        }

        // An export: its owner downloads it; another member gets a bare 404, a visitor the sign-in page; /media/ never serves it.
        var (_, ownerBrowser) = await app.SignedInAsync(Name("ms_exporter"));
        var (link, zip) = await app.ExportAsync(ownerBrowser);
        zip.Dispose();
        var key = MediaKeys.ExportsPrefix + link.Split('/').Last();
        Assert.NotNull(await app.StoredBytesAsync(key));
        Assert.Equal(await app.StoredBytesAsync(key), await ownerBrowser.GetByteArrayAsync(link));
        var (_, otherBrowser) = await app.SignedInAsync(Name("ms_other"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.GetAsync(link)).StatusCode);
        var visitor = await app.Browser().GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.StartsWith("/account/sign-in", Html.Location(visitor), StringComparison.Ordinal);
        foreach (var client in new[] { ownerBrowser, otherBrowser, app.Browser() })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/media/" + key)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/media/attachments/%2E%2E/" + key)).StatusCode);
        }
    }

    [Fact]
    public async Task DeletingAPostsImagesAndErasingAnAccountRemoveTheirObjects()
    {
        var author = await MemberAsync("ms_del");
        var post = await PostWithImageAsync(author.Token, "public");
        var keys = new[] { "url", "preview_url" }.Select(p => KeyOf(PathOf(post.GetProperty("media_attachments")[0], p))).ToList();
        foreach (var key in keys)
        {
            Assert.NotNull(await app.Store.SizeAsync(key, CancellationToken.None));
        }
        var deleted = await app.Api(author.Token).DeleteAsync($"/api/v1/statuses/{post.GetProperty("id").GetString()}?delete_media=true");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        foreach (var key in keys)
        {
            Assert.Null(await app.Store.SizeAsync(key, CancellationToken.None));
            Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/media/" + key)).StatusCode);
        }

        var erased = await MemberAsync("ms_erased");
        var profile = await KindredApp.Json(await app.Api(erased.Token).PatchAsync("/api/v1/accounts/update_credentials", Picture("avatar")), HttpStatusCode.OK);
        var avatar = KeyOf(PathOf(profile, "avatar"));
        var kept = await PostWithImageAsync(erased.Token, "public");
        var image = KeyOf(PathOf(kept.GetProperty("media_attachments")[0], "url"));
        Assert.NotNull(await app.Store.SizeAsync(avatar, CancellationToken.None));
        Assert.NotNull(await app.Store.SizeAsync(image, CancellationToken.None));
        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<AccountEraser>().EraseAsync(erased.Id);
            return true;
        });
        Assert.Null(await app.Store.SizeAsync(avatar, CancellationToken.None));
        Assert.Null(await app.Store.SizeAsync(image, CancellationToken.None));
        Assert.False(await app.WithDbAsync(db => db.MediaAttachments.AnyAsync(m => m.AccountId == erased.Id)));
    }
}

public sealed class MediaStoreLocalSqliteTests(LocalMediaSqliteApp app) : MediaStoreTests(app), IClassFixture<LocalMediaSqliteApp>;

public sealed class MediaStoreLocalPostgresTests(LocalMediaPostgresApp app) : MediaStoreTests(app), IClassFixture<LocalMediaPostgresApp>;
