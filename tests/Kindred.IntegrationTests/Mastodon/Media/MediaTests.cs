using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kindred.Core.Media;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Media;

/// <summary>Post images through the API: upload, read, describe, attach, edit, delete and clean up.</summary>
public abstract class MediaTests(KindredApp app)
{
    private static int users;

    private async Task<(long Id, string Token)> MemberAsync(string prefix)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name);
        return (user.Id, await app.TokenAsync(name));
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName = "photo.jpg", string contentType = "image/jpeg", string? description = null, string? focus = null)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        if (description is not null)
        {
            form.Add(new StringContent(description), "description");
        }
        if (focus is not null)
        {
            form.Add(new StringContent(focus), "focus");
        }
        return form;
    }

    private async Task<JsonElement> UploadAsync(string token, string? description = null, string path = "/api/v2/media") =>
        await KindredApp.Json(await app.Api(token).PostAsync(path, Upload(TestImages.Png(120, 80), "p.png", "image/png", description)), HttpStatusCode.OK);

    private static string Id(JsonElement json) => json.GetProperty("id").GetString()!;

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private Task<int> MediaCountAsync(long accountId) => app.WithDbAsync(db => db.MediaAttachments.CountAsync(m => m.AccountId == accountId));

    private int FilesOnDisk()
    {
        var folder = Path.Combine(app.DataDirectory, "media", "attachments");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
    }

    [Fact]
    public async Task AnUploadIsReEncodedWithoutExifAndCanBeReadAndDescribedByItsOwner()
    {
        var (_, token) = await MemberAsync("md_up");
        var response = await app.Api(token).PostAsync("/api/v2/media", Upload(TestImages.JpegWithGps(300, 200), description: "A red square", focus: "0.5,-0.25"));
        var media = await KindredApp.Json(response, HttpStatusCode.OK);
        Assert.Equal("image", media.GetProperty("type").GetString());
        Assert.Equal("A red square", media.GetProperty("description").GetString());
        var meta = media.GetProperty("meta");
        Assert.Equal(300, meta.GetProperty("original").GetProperty("width").GetInt32());
        Assert.Equal(200, meta.GetProperty("original").GetProperty("height").GetInt32());
        Assert.Equal("300x200", meta.GetProperty("original").GetProperty("size").GetString());
        Assert.Equal(1.5, meta.GetProperty("original").GetProperty("aspect").GetDouble(), 3);
        Assert.Equal(300, meta.GetProperty("small").GetProperty("width").GetInt32());
        Assert.Equal(0.5, meta.GetProperty("focus").GetProperty("x").GetDouble(), 3);
        Assert.Equal(-0.25, meta.GetProperty("focus").GetProperty("y").GetDouble(), 3);
        Assert.Equal(JsonValueKind.Null, media.GetProperty("remote_url").ValueKind);
        Assert.True(media.TryGetProperty("blurhash", out _));

        // Unguessable names: 32 random hex digits, nothing of the id or the owner.
        var url = new Uri(media.GetProperty("url").GetString()!);
        var preview = new Uri(media.GetProperty("preview_url").GetString()!);
        Assert.Matches("^/media/attachments/[0-9a-f]{32}\\.jpg$", url.AbsolutePath);
        Assert.Matches("^/media/attachments/[0-9a-f]{32}\\.jpg$", preview.AbsolutePath);
        Assert.DoesNotContain(Id(media), url.AbsolutePath, StringComparison.Ordinal);
        var stored = await app.Api().GetByteArrayAsync(url.AbsolutePath);
        Assert.Equal([0xFF, 0xD8], stored.Take(2));
        Assert.DoesNotContain(TestImages.GpsMarker, Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync(preview.AbsolutePath)).StatusCode);

        var read = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/media/{Id(media)}"), HttpStatusCode.OK);
        Assert.Equal(url.ToString(), read.GetProperty("url").GetString());

        var updated = await KindredApp.Json(await app.Api(token).PutAsync($"/api/v1/media/{Id(media)}", Form(("description", "A red square on white"), ("focus", "0,1"))), HttpStatusCode.OK);
        Assert.Equal("A red square on white", updated.GetProperty("description").GetString());
        Assert.Equal(1, updated.GetProperty("meta").GetProperty("focus").GetProperty("y").GetDouble(), 3);

        // The legacy path answers the same way.
        var legacy = await UploadAsync(token, path: "/api/v1/media");
        Assert.Equal(120, legacy.GetProperty("meta").GetProperty("original").GetProperty("width").GetInt32());
    }

    [Fact]
    public async Task ALargeImageIsScaledDownAndGetsASmallerThumbnail()
    {
        var (_, token) = await MemberAsync("md_big");
        var media = await KindredApp.Json(await app.Api(token).PostAsync("/api/v2/media", Upload(TestImages.Png(2400, 1200), "wide.png", "image/png")), HttpStatusCode.OK);
        var meta = media.GetProperty("meta");
        Assert.Equal(1920, meta.GetProperty("original").GetProperty("width").GetInt32());
        Assert.Equal(960, meta.GetProperty("original").GetProperty("height").GetInt32());
        Assert.Equal(640, meta.GetProperty("small").GetProperty("width").GetInt32());
        Assert.Equal(320, meta.GetProperty("small").GetProperty("height").GetInt32());
    }

    [Fact]
    public async Task BadUploadsAreRefusedWith422AndStoreNothing()
    {
        var (me, token) = await MemberAsync("md_bad");
        var before = FilesOnDisk();
        var cases = new (MultipartFormDataContent Form, string Field)[]
        {
            (Upload(Encoding.UTF8.GetBytes("this is not an image at all"), "notes.txt", "text/plain"), "file"),
            (Upload(new byte[(int)MediaLimits.MaxBytes + 1], "huge.jpg"), "file"),
            (Upload(TestImages.Png(), "p.png", "image/png", description: new string('d', MediaLimits.MaxDescription + 1)), "description"),
            (Upload(TestImages.Png(), "p.png", "image/png", focus: "2,0"), "focus"),
            (new MultipartFormDataContent { { new StringContent("no file"), "description" } }, "file"),
        };
        foreach (var (form, field) in cases)
        {
            var json = await KindredApp.Json(await app.Api(token).PostAsync("/api/v2/media", form), HttpStatusCode.UnprocessableEntity);
            Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
            Assert.True(json.GetProperty("details").TryGetProperty(field, out _), json.ToString());
        }
        Assert.Equal(0, await MediaCountAsync(me));
        Assert.Equal(before, FilesOnDisk());
    }

    [Fact]
    public async Task SomeoneElsesUploadAndUnknownIdsAreNotFound()
    {
        var (_, owner) = await MemberAsync("md_own");
        var (_, other) = await MemberAsync("md_oth");
        var id = Id(await UploadAsync(owner, "mine"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(other).GetAsync($"/api/v1/media/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(other).PutAsync($"/api/v1/media/{id}", Form(("description", "stolen")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(owner).GetAsync("/api/v1/media/12345")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(owner).GetAsync("/api/v1/media/abc")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync($"/api/v1/media/{id}")).StatusCode);
        var mine = await KindredApp.Json(await app.Api(owner).GetAsync($"/api/v1/media/{id}"), HttpStatusCode.OK);
        Assert.Equal("mine", mine.GetProperty("description").GetString());
    }

    [Fact]
    public async Task APostCarriesItsImagesInOrderAndMayHaveNoText()
    {
        var (me, token) = await MemberAsync("md_post");
        var first = Id(await UploadAsync(token, "first"));
        var second = Id(await UploadAsync(token, "second"));
        var posted = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("media_ids[]", second), ("media_ids[]", first), ("visibility", "public"))), HttpStatusCode.OK);
        var attachments = posted.GetProperty("media_attachments");
        Assert.Equal([second, first], attachments.EnumerateArray().Select(Id));
        Assert.Equal("second", attachments[0].GetProperty("description").GetString());
        Assert.StartsWith("http://localhost/media/attachments/", attachments[0].GetProperty("preview_url").GetString(), StringComparison.Ordinal);

        // Anyone who may read the post sees its images; timelines render them through the same renderer.
        var anonymous = await KindredApp.Json(await app.Api().GetAsync($"/api/v1/statuses/{Id(posted)}"), HttpStatusCode.OK);
        Assert.Equal(2, anonymous.GetProperty("media_attachments").GetArrayLength());
        var timeline = await KindredApp.Json(await app.Api().GetAsync("/api/v1/timelines/public"), HttpStatusCode.OK);
        Assert.Equal(2, timeline.EnumerateArray().Single(s => Id(s) == Id(posted)).GetProperty("media_attachments").GetArrayLength());

        // A posted image is described through an edit of its post, and cannot go into a second post.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).PutAsync($"/api/v1/media/{first}", Form(("description", "late")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync($"/api/v1/media/{first}")).StatusCode);
        var again = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", "again"), ("media_ids[]", first))), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("media_ids", again.GetProperty("details").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == me)));

        // Still no text and no images is refused.
        await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", " "))), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task FiveImagesOrSomeoneElsesImageAreRefusedAndNothingIsPosted()
    {
        var (me, token) = await MemberAsync("md_five");
        var (otherId, other) = await MemberAsync("md_thief");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Id(await UploadAsync(token)));
        }
        var five = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form([("status", "five"), .. ids.Select(id => ("media_ids[]", id))])), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("at most 4", five.GetProperty("error").GetString(), StringComparison.Ordinal);
        var stolen = await KindredApp.Json(await app.Api(other).PostAsync("/api/v1/statuses", Form(("status", "mine now"), ("media_ids[]", ids[0]))), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Invalid media", stolen.GetProperty("error").GetString(), StringComparison.Ordinal);
        await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", "bad id"), ("media_ids[]", "nope"))), HttpStatusCode.UnprocessableEntity);
        await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", "unknown id"), ("media_ids[]", "999999"))), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == me || s.AccountId == otherId)));
        Assert.Equal(5, await app.WithDbAsync(db => db.MediaAttachments.CountAsync(m => m.AccountId == me && m.StatusId == null)));

        // Exactly four is fine, and JSON bodies work as masto.js sends them.
        var json = JsonSerializer.Serialize(new { status = "four", media_ids = ids.Take(4) });
        var four = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        Assert.Equal(4, four.GetProperty("media_attachments").GetArrayLength());
    }

    [Fact]
    public async Task AnEditReplacesImagesAndDescribesThem()
    {
        var (me, token) = await MemberAsync("md_edit");
        var a = Id(await UploadAsync(token, "a"));
        var b = Id(await UploadAsync(token, "b"));
        var c = Id(await UploadAsync(token, "c"));
        var posted = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", "edit me"), ("media_ids[]", a), ("media_ids[]", b))), HttpStatusCode.OK);
        var id = Id(posted);

        // Without media_ids the images stay as they are.
        var textOnly = await KindredApp.Json(await app.Api(token).PutAsync($"/api/v1/statuses/{id}", Form(("status", "edited text"))), HttpStatusCode.OK);
        Assert.Equal([a, b], textOnly.GetProperty("media_attachments").EnumerateArray().Select(Id));

        var edited = await KindredApp.Json(await app.Api(token).PutAsync($"/api/v1/statuses/{id}", Form(
            ("status", "edited again"),
            ("media_ids[]", b),
            ("media_ids[]", c),
            ("media_attributes[][id]", b),
            ("media_attributes[][description]", "b, better described"))), HttpStatusCode.OK);
        var attachments = edited.GetProperty("media_attachments");
        Assert.Equal([b, c], attachments.EnumerateArray().Select(Id));
        Assert.Equal("b, better described", attachments[0].GetProperty("description").GetString());

        // The history shows each version with the images and descriptions it had.
        var history = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/statuses/{id}/history"), HttpStatusCode.OK);
        Assert.Equal(3, history.GetArrayLength());
        Assert.Equal([a, b], history[0].GetProperty("media_attachments").EnumerateArray().Select(Id));
        Assert.Equal("b", history[1].GetProperty("media_attachments")[1].GetProperty("description").GetString());
        Assert.Equal([b, c], history[2].GetProperty("media_attachments").EnumerateArray().Select(Id));
        Assert.Equal("b, better described", history[2].GetProperty("media_attachments")[0].GetProperty("description").GetString());

        // The dropped image is the author's to use again; a bad edit changes nothing.
        var (_, other) = await MemberAsync("md_edit_other");
        var foreign = Id(await UploadAsync(other));
        await KindredApp.Json(await app.Api(token).PutAsync($"/api/v1/statuses/{id}", Form(("status", "x"), ("media_ids[]", foreign))), HttpStatusCode.UnprocessableEntity);
        await KindredApp.Json(await app.Api(token).PutAsync($"/api/v1/statuses/{id}", Form(("status", "x"), ("media_attributes[][id]", a), ("media_attributes[][description]", "not here"))), HttpStatusCode.UnprocessableEntity);
        var unchanged = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/statuses/{id}"), HttpStatusCode.OK);
        Assert.Equal([b, c], unchanged.GetProperty("media_attachments").EnumerateArray().Select(Id));
        Assert.Contains("edited again", unchanged.GetProperty("content").GetString(), StringComparison.Ordinal);
        var reused = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", "a again"), ("media_ids[]", a))), HttpStatusCode.OK);
        Assert.Equal([a], reused.GetProperty("media_attachments").EnumerateArray().Select(Id));
        Assert.Equal(3, await MediaCountAsync(me));
    }

    [Fact]
    public async Task OnlyMediaListsTheAccountsPostsWithImages()
    {
        var (me, token) = await MemberAsync("md_only");
        await app.PostStatusAsync(token, "just words");
        var withImage = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", "a picture"), ("media_ids[]", Id(await UploadAsync(token))))), HttpStatusCode.OK);
        var all = await KindredApp.Json(await app.Api().GetAsync($"/api/v1/accounts/{me}/statuses"), HttpStatusCode.OK);
        Assert.Equal(2, all.GetArrayLength());
        var media = await KindredApp.Json(await app.Api().GetAsync($"/api/v1/accounts/{me}/statuses?only_media=true"), HttpStatusCode.OK);
        Assert.Equal([Id(withImage)], media.EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task DeletingAPostKeepsItsImagesForARedraftUnlessAskedToDeleteThem()
    {
        var (me, token) = await MemberAsync("md_del");
        var image = Id(await UploadAsync(token, "keep me"));
        var first = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", "first draft"), ("media_ids[]", image))), HttpStatusCode.OK);
        var deleted = await KindredApp.Json(await app.Api(token).DeleteAsync($"/api/v1/statuses/{Id(first)}"), HttpStatusCode.OK);
        Assert.Equal("first draft", deleted.GetProperty("text").GetString());
        Assert.Equal([image], deleted.GetProperty("media_attachments").EnumerateArray().Select(Id));
        var redraft = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", "second draft"), ("media_ids[]", image))), HttpStatusCode.OK);
        var url = new Uri(redraft.GetProperty("media_attachments")[0].GetProperty("url").GetString()!).AbsolutePath;

        var gone = await app.Api(token).DeleteAsync($"/api/v1/statuses/{Id(redraft)}?delete_media=true");
        Assert.Equal(HttpStatusCode.OK, gone.StatusCode);
        Assert.Equal(0, await MediaCountAsync(me));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("direct")]
    [InlineData("private")]
    public async Task TheImagesOfADeletedPostThatWasNotPublicStopBeingServedAtOnce(string visibility)
    {
        var (_, friendToken) = await MemberAsync("md_friend");
        var friend = (await KindredApp.Json(await app.Api(friendToken).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK)).GetProperty("username").GetString();
        var (me, token) = await MemberAsync("md_dm");
        var image = Id(await UploadAsync(token, "a private photo"));
        var posted = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", $"@{friend} only for you"), ("visibility", visibility), ("media_ids[]", image))), HttpStatusCode.OK);
        var attachment = posted.GetProperty("media_attachments")[0];
        var urls = new[] { attachment.GetProperty("url").GetString()!, attachment.GetProperty("preview_url").GetString()! }.Select(u => new Uri(u).AbsolutePath).ToList();
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync(urls[0])).StatusCode);

        // No delete_media: a client deleting to redraft does not ask, but a private image must not outlive its post by a day.
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).DeleteAsync($"/api/v1/statuses/{Id(posted)}")).StatusCode);
        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync(url)).StatusCode);
        }
        Assert.Equal(0, await MediaCountAsync(me));
    }

    [Fact]
    public async Task TheCleanupRemovesUploadsNobodyPostedWithinADay()
    {
        var (me, token) = await MemberAsync("md_clean");
        var old = await UploadAsync(token);
        var fresh = await UploadAsync(token);
        var posted = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", "kept"), ("media_ids[]", Id(await UploadAsync(token))))), HttpStatusCode.OK);
        var oldId = long.Parse(Id(old), CultureInfo.InvariantCulture);
        await app.WithDbAsync(async db =>
        {
            var yesterday = DateTime.UtcNow.AddHours(-25);
            await db.MediaAttachments.Where(m => m.AccountId == me).ExecuteUpdateAsync(u => u.SetProperty(m => m.CreatedAt, yesterday));
            await db.MediaAttachments.Where(m => m.Id == oldId).ExecuteUpdateAsync(u => u.SetProperty(m => m.UnattachedSince, yesterday));
        });
        // An image an edit dropped from a live post stays for the post's history.
        var edited = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", "will drop"), ("media_ids[]", Id(await UploadAsync(token))))), HttpStatusCode.OK);
        var dropped = Id(edited.GetProperty("media_attachments")[0]);
        await KindredApp.Json(await app.Api(token).PutAsync($"/api/v1/statuses/{Id(edited)}", Form(("status", "dropped"), ("media_ids[]", ""))), HttpStatusCode.OK);
        var droppedId = long.Parse(dropped, CultureInfo.InvariantCulture);
        await app.WithDbAsync(db => db.MediaAttachments.Where(m => m.Id == droppedId).ExecuteUpdateAsync(u => u.SetProperty(m => m.UnattachedSince, DateTime.UtcNow.AddHours(-25))));

        var removed = await app.WithServicesAsync(s => s.GetRequiredService<MediaService>().CleanupAsync());
        Assert.True(removed >= 1);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).GetAsync($"/api/v1/media/{Id(old)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync(new Uri(old.GetProperty("url").GetString()!).AbsolutePath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync($"/api/v1/media/{Id(fresh)}")).StatusCode);
        var status = await KindredApp.Json(await app.Api().GetAsync($"/api/v1/statuses/{Id(posted)}"), HttpStatusCode.OK);
        Assert.Equal(1, status.GetProperty("media_attachments").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync($"/api/v1/media/{dropped}")).StatusCode);
        var history = await KindredApp.Json(await app.Api().GetAsync($"/api/v1/statuses/{Id(edited)}/history"), HttpStatusCode.OK);
        Assert.Equal([dropped], history[0].GetProperty("media_attachments").EnumerateArray().Select(Id));
        Assert.Empty(history[1].GetProperty("media_attachments").EnumerateArray());
    }

    [Fact]
    public async Task AFollowersOnlyPostsImagesAreNotShownToThoseWhoCannotReadIt()
    {
        var (_, token) = await MemberAsync("md_priv");
        var (_, stranger) = await MemberAsync("md_stranger");
        var posted = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", Form(("status", "for followers"), ("visibility", "private"), ("media_ids[]", Id(await UploadAsync(token))))), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(stranger).GetAsync($"/api/v1/statuses/{Id(posted)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(stranger).GetAsync($"/api/v1/media/{Id(posted.GetProperty("media_attachments")[0])}")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/instance")]
    [InlineData("/api/v2/instance")]
    public async Task TheInstancePublishesTheLimitsTheUploadEnforces(string path)
    {
        var configuration = (await KindredApp.Json(await app.Api().GetAsync(path), HttpStatusCode.OK)).GetProperty("configuration");
        var media = configuration.GetProperty("media_attachments");
        Assert.Equal(MediaLimits.MaxBytes, media.GetProperty("image_size_limit").GetInt64());
        Assert.Equal(MediaLimits.MaxPixels, media.GetProperty("image_matrix_limit").GetInt64());
        Assert.Equal(1_500, media.GetProperty("description_limit").GetInt32());
        Assert.Equal(["image/jpeg", "image/png", "image/webp", "image/gif"], media.GetProperty("supported_mime_types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(4, configuration.GetProperty("statuses").GetProperty("max_media_attachments").GetInt32());
    }

    public static TheoryData<string, string> ScopedEndpoints => new()
    {
        { "POST", "/api/v2/media" },
        { "POST", "/api/v1/media" },
        { "GET", "/api/v1/media/{id}" },
        { "PUT", "/api/v1/media/{id}" },
    };

    [Theory]
    [MemberData(nameof(ScopedEndpoints))]
    public async Task EachMediaMethodNeedsWriteMedia(string method, string path)
    {
        var (me, full) = await MemberAsync("md_scope");
        var id = Id(await UploadAsync(full, "untouched"));
        var name = await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == me).Select(a => a.Username).SingleAsync());
        var lacking = await app.TokenAsync(name, "read write:statuses write:accounts");
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id, StringComparison.Ordinal))
        {
            Content = method == "POST" ? Upload(TestImages.Png(), "p.png", "image/png") : method == "PUT" ? Form(("description", "changed")) : null,
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).SendAsync(request)).StatusCode);
        Assert.Equal(1, await MediaCountAsync(me));
        var media = await KindredApp.Json(await app.Api(await app.TokenAsync(name, "write:media")).GetAsync($"/api/v1/media/{id}"), HttpStatusCode.OK);
        Assert.Equal("untouched", media.GetProperty("description").GetString());
    }
}

public sealed class MediaSqliteTests(SqliteApp app) : MediaTests(app), IClassFixture<SqliteApp>;

public sealed class MediaPostgresTests(PostgresApp app) : MediaTests(app), IClassFixture<PostgresApp>;
