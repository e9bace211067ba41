using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Timelines;

/// <summary>
/// A page shows every change made since it was last read (ADR 100): the parts of statuses kept in memory (images and
/// mentioned accounts) and everything read live beside them. Each test reads a page (which keeps what it can), changes
/// something, and reads again through the API and the web: a stale read is a failure.
/// </summary>
public abstract class RenderedPartsTests(KindredApp app)
{
    private static int users;

    private async Task<(long Id, string Name, string Token)> MemberAsync(string prefix, UserRole role = UserRole.Member, string scopes = "read write follow push")
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name, role);
        return (user.Id, name, await app.TokenAsync(name, scopes));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static string Id(JsonElement json) => json.GetProperty("id").GetString()!;

    private async Task<string> UploadAsync(string token, string description)
    {
        var file = new ByteArrayContent(TestImages.Png(120, 80));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var form = new MultipartFormDataContent { { file, "file", "p.png" }, { new StringContent(description), "description" } };
        return Id(await KindredApp.Json(await app.Api(token).PostAsync("/api/v2/media", form), HttpStatusCode.OK));
    }

    /// <summary>A reader who follows a fresh author, and the author's token.</summary>
    private async Task<((long Id, string Name, string Token) Author, (long Id, string Name, string Token) Reader)> PairAsync(string prefix)
    {
        var author = await MemberAsync(prefix + "_a");
        var reader = await MemberAsync(prefix + "_r");
        await KindredApp.Json(await app.Api(reader.Token).PostAsync($"/api/v1/accounts/{author.Id}/follow", null), HttpStatusCode.OK);
        return (author, reader);
    }

    private async Task<JsonElement> HomeAsync(string token) =>
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/timelines/home"), HttpStatusCode.OK);

    private static JsonElement? Find(JsonElement page, string id) =>
        page.EnumerateArray().Where(s => Id(s) == id).Select(s => (JsonElement?)s).FirstOrDefault();

    [Fact]
    public async Task AnEditedImageDescriptionAndANewMentionShowAtOnceOnTheApiAndTheWeb()
    {
        var (author, reader) = await PairAsync("rp_edit");
        var named = await MemberAsync("rp_named");
        var image = await UploadAsync(author.Token, "first words");
        var id = Id(await KindredApp.Json(await app.Api(author.Token).PostAsync("/api/v1/statuses", Form(("status", "a picture"), ("media_ids[]", image))), HttpStatusCode.OK));
        var before = Find(await HomeAsync(reader.Token), id)!.Value;
        Assert.Equal("first words", before.GetProperty("media_attachments")[0].GetProperty("description").GetString());
        Assert.Equal(0, before.GetProperty("mentions").GetArrayLength());
        var page = await Html.GetAsync(app.Browser(), $"/@{author.Name}/{id}");
        Assert.Contains("alt=\"first words\"", page, StringComparison.Ordinal);

        await KindredApp.Json(await app.Api(author.Token).PutAsync($"/api/v1/statuses/{id}", Form(
            ("status", $"a picture for @{named.Name}"),
            ("media_ids[]", image),
            ("media_attributes[][id]", image),
            ("media_attributes[][description]", "better words"))), HttpStatusCode.OK);

        var after = Find(await HomeAsync(reader.Token), id)!.Value;
        Assert.Equal("better words", after.GetProperty("media_attachments")[0].GetProperty("description").GetString());
        Assert.Equal([named.Name], after.GetProperty("mentions").EnumerateArray().Select(m => m.GetProperty("username").GetString()));
        var single = await KindredApp.Json(await app.Api(reader.Token).GetAsync($"/api/v1/statuses/{id}"), HttpStatusCode.OK);
        Assert.Equal("better words", single.GetProperty("media_attachments")[0].GetProperty("description").GetString());
        page = await Html.GetAsync(app.Browser(), $"/@{author.Name}/{id}");
        Assert.Contains("alt=\"better words\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("alt=\"first words\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagesDroppedByAnEditAndADeletedPostAreGoneOnTheNextRead()
    {
        var (author, reader) = await PairAsync("rp_drop");
        var first = await UploadAsync(author.Token, "one");
        var second = await UploadAsync(author.Token, "two");
        var id = Id(await KindredApp.Json(await app.Api(author.Token).PostAsync("/api/v1/statuses", Form(("status", "two pictures"), ("media_ids[]", first), ("media_ids[]", second))), HttpStatusCode.OK));
        Assert.Equal(2, Find(await HomeAsync(reader.Token), id)!.Value.GetProperty("media_attachments").GetArrayLength());

        await KindredApp.Json(await app.Api(author.Token).PutAsync($"/api/v1/statuses/{id}", Form(("status", "one picture"), ("media_ids[]", second))), HttpStatusCode.OK);
        Assert.Equal([second], Find(await HomeAsync(reader.Token), id)!.Value.GetProperty("media_attachments").EnumerateArray().Select(Id));

        Assert.Equal(HttpStatusCode.OK, (await app.Api(author.Token).DeleteAsync($"/api/v1/statuses/{id}")).StatusCode);
        Assert.Null(Find(await HomeAsync(reader.Token), id));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(reader.Token).GetAsync($"/api/v1/statuses/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/@{author.Name}/{id}")).StatusCode);
    }

    [Fact]
    public async Task AProfileChangeAndAPollVoteShowOnTheNextRead()
    {
        var (author, reader) = await PairAsync("rp_profile");
        var id = Id(await KindredApp.Json(await app.Api(author.Token).PostAsync("/api/v1/statuses", Form(
            ("status", "which day?"), ("poll[options][]", "Monday"), ("poll[options][]", "Friday"), ("poll[expires_in]", "3600"))), HttpStatusCode.OK));
        var before = Find(await HomeAsync(reader.Token), id)!.Value;
        Assert.Equal(0, before.GetProperty("poll").GetProperty("votes_count").GetInt32());
        Assert.NotEqual("Renamed Author", before.GetProperty("account").GetProperty("display_name").GetString());

        await KindredApp.Json(await app.Api(author.Token).PatchAsync("/api/v1/accounts/update_credentials", Form(
            ("display_name", "Renamed Author"), ("fields_attributes[0][name]", "Garden"), ("fields_attributes[0][value]", "Plot 7"))), HttpStatusCode.OK);
        var pollId = before.GetProperty("poll").GetProperty("id").GetString()!;
        await KindredApp.Json(await app.Api(reader.Token).PostAsync($"/api/v1/polls/{pollId}/votes", Form(("choices[]", "1"))), HttpStatusCode.OK);

        var after = Find(await HomeAsync(reader.Token), id)!.Value;
        Assert.Equal("Renamed Author", after.GetProperty("account").GetProperty("display_name").GetString());
        Assert.Equal("Plot 7", after.GetProperty("account").GetProperty("fields")[0].GetProperty("value").GetString());
        Assert.Equal(1, after.GetProperty("poll").GetProperty("votes_count").GetInt32());
        Assert.True(after.GetProperty("poll").GetProperty("voted").GetBoolean());
        var page = await Html.GetAsync(app.Browser(), $"/@{author.Name}/{id}");
        Assert.Contains("Renamed Author", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASuspendedAuthorsPostsLeaveTheNextPage()
    {
        var (author, reader) = await PairAsync("rp_susp");
        var moderator = await MemberAsync("rp_mod", UserRole.Moderator, "read write admin:read admin:write");
        var image = await UploadAsync(author.Token, "soon gone");
        var id = Id(await KindredApp.Json(await app.Api(author.Token).PostAsync("/api/v1/statuses", Form(("status", "before suspension"), ("media_ids[]", image))), HttpStatusCode.OK));
        Assert.NotNull(Find(await HomeAsync(reader.Token), id));

        var acted = await app.Api(moderator.Token).PostAsync($"/api/v1/admin/accounts/{author.Id}/action", Form(("type", "suspend")));
        Assert.Equal(HttpStatusCode.OK, acted.StatusCode);

        Assert.Null(Find(await HomeAsync(reader.Token), id));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(reader.Token).GetAsync($"/api/v1/statuses/{id}")).StatusCode);
    }

    [Fact]
    public async Task AWarmPageReadsNoImagesOrMentionsAndAnEditStillShows()
    {
        var (author, reader) = await PairAsync("rp_warm");
        var named = await MemberAsync("rp_warm_named");
        var image = await UploadAsync(author.Token, "kept");
        var id = Id(await KindredApp.Json(await app.Api(author.Token).PostAsync("/api/v1/statuses", Form(("status", $"hello @{named.Name}"), ("media_ids[]", image))), HttpStatusCode.OK));
        await HomeAsync(reader.Token);
        Assert.True(app.Services.GetRequiredService<StatusPartsCache>().Count > 0);

        using (var log = new SqlCommandLog(app))
        {
            var warm = Find(await HomeAsync(reader.Token), id)!.Value;
            Assert.Equal("kept", warm.GetProperty("media_attachments")[0].GetProperty("description").GetString());
            Assert.Equal([named.Name], warm.GetProperty("mentions").EnumerateArray().Select(m => m.GetProperty("username").GetString()));
            Assert.DoesNotContain(log.Statements, s => s.Contains("\"MediaAttachments\"", StringComparison.Ordinal));
        }

        await KindredApp.Json(await app.Api(author.Token).PutAsync($"/api/v1/statuses/{id}", Form(
            ("status", $"hello @{named.Name}"), ("media_ids[]", image), ("media_attributes[][id]", image), ("media_attributes[][description]", "changed"))), HttpStatusCode.OK);
        Assert.Equal("changed", Find(await HomeAsync(reader.Token), id)!.Value.GetProperty("media_attachments")[0].GetProperty("description").GetString());
    }
}

public sealed class RenderedPartsSqliteTests(SqliteApp app) : RenderedPartsTests(app), IClassFixture<SqliteApp>;

public sealed class RenderedPartsPostgresTests(PostgresApp app) : RenderedPartsTests(app), IClassFixture<PostgresApp>;
