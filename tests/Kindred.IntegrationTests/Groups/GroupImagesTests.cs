using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kindred.Core.Groups;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Groups;

/// <summary>A group's picture and banner: uploaded through the API (create and update) and the settings page, shown on the
/// group page and in the JSON, refused for non-admins and for bad files (changing nothing), old files deleted on replace.</summary>
public abstract class GroupImagesTests(KindredApp app)
{
    private int nextAddress;

    private static MultipartFormDataContent Form(params (string Field, byte[]? Bytes, string Value)[] parts)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, bytes, value) in parts)
        {
            if (bytes is null)
            {
                form.Add(new StringContent(value), field);
                continue;
            }
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, field, value);
        }
        return form;
    }

    // The local store keeps the layout of before the media-store seam (ADR 98): {DataDirectory}/media/{key}.
    private Task<string> MediaRootAsync() => Task.FromResult(System.IO.Path.Combine(app.DataDirectory, "media"));

    private Task<(string? Avatar, string? Header)> FilesAsync(string groupId) =>
        app.WithDbAsync(db => db.Groups.AsNoTracking().Where(g => g.Id == long.Parse(groupId, CultureInfo.InvariantCulture))
            .Select(g => new ValueTuple<string?, string?>(g.AvatarFile, g.HeaderFile)).SingleAsync());

    private static string Path(JsonElement group, string property) => new Uri(group.GetProperty(property).GetString()!).AbsolutePath;

    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser($"10.78.{Interlocked.Increment(ref nextAddress) / 250}.{nextAddress % 250 + 1}");
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    [Fact]
    public async Task TheApiTakesPicturesOnCreateAndUpdateAndReplacingDeletesTheOldFile()
    {
        await app.CreateUserAsync("gi_api_owner");
        var token = await app.TokenAsync("gi_api_owner");
        var created = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/groups",
            Form(("display_name", null, "Picture Makers"), ("avatar", TestImages.Png(500, 300), "a.png"), ("header", TestImages.Png(1600, 600), "h.png"))), HttpStatusCode.OK);
        var id = created.GetProperty("id").GetString()!;
        var avatar = Path(created, "avatar");
        var header = Path(created, "header");
        Assert.StartsWith("/media/group-avatars/", avatar, StringComparison.Ordinal);
        Assert.StartsWith("/media/group-headers/", header, StringComparison.Ordinal);
        Assert.Equal(avatar, Path(created, "avatar_static"));
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync(avatar)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync(header)).StatusCode);
        Assert.Equal(avatar, Path(await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/groups/{id}"), HttpStatusCode.OK), "avatar"));

        // A new picture by PATCH replaces the old one, whose file goes; the banner is left alone.
        var root = await MediaRootAsync();
        var (oldAvatar, _) = await FilesAsync(id);
        var updated = await KindredApp.Json(await app.Api(token).PatchAsync($"/api/v1/groups/{id}", Form(("avatar", TestImages.Png(), "b.png"))), HttpStatusCode.OK);
        Assert.NotEqual(avatar, Path(updated, "avatar"));
        Assert.Equal(header, Path(updated, "header"));
        Assert.False(File.Exists(System.IO.Path.Combine(root, oldAvatar!)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync(avatar)).StatusCode);

        // PUT works the same, and an empty header value removes the banner and its file.
        var (_, oldHeader) = await FilesAsync(id);
        var cleared = await KindredApp.Json(await app.Api(token).PutAsync($"/api/v1/groups/{id}", Form(("header", null, ""))), HttpStatusCode.OK);
        Assert.Equal("/img/header.png", Path(cleared, "header"));
        Assert.Null((await FilesAsync(id)).Header);
        Assert.False(File.Exists(System.IO.Path.Combine(root, oldHeader!)));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesThePictures()
    {
        var paths = (await KindredApp.Json(await app.Api().GetAsync("/openapi/v1.json"), HttpStatusCode.OK)).GetProperty("paths");
        Assert.Contains("avatar", paths.GetProperty("/api/v1/groups").GetProperty("post").GetProperty("summary").GetString(), StringComparison.Ordinal);
        var item = paths.GetProperty("/api/v1/groups/{id}");
        Assert.Contains("avatar", item.GetProperty("put").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("avatar", item.GetProperty("patch").GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadFilesAndNonAdminsChangeNothing()
    {
        var owner = await app.CreateUserAsync("gi_bad_owner");
        var member = await app.CreateUserAsync("gi_bad_member");
        var token = await app.TokenAsync("gi_bad_owner");
        var memberToken = await app.TokenAsync("gi_bad_member");
        var created = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/groups", Form(("display_name", null, "Careful Uploaders"), ("avatar", TestImages.Png(), "a.png"))), HttpStatusCode.OK);
        var id = created.GetProperty("id").GetString()!;
        await app.WithServicesAsync(s => s.GetRequiredService<GroupService>().JoinAsync(member.Id, long.Parse(id, CultureInfo.InvariantCulture), true));
        var before = await FilesAsync(id);
        var root = await MediaRootAsync();
        var filesBefore = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length;

        // Not an image, a broken image, too large: 422 on the field, and the group keeps its picture.
        byte[][] bad = [System.Text.Encoding.UTF8.GetBytes("this is not a picture"), [.. TestImages.Png().Take(40)], [.. TestImages.Png(), .. new byte[3 * 1024 * 1024]]];
        foreach (var bytes in bad)
        {
            var json = await KindredApp.Json(await app.Api(token).PatchAsync($"/api/v1/groups/{id}", Form(("display_name", null, "Renamed"), ("avatar", bytes, "bad.png"))), HttpStatusCode.UnprocessableEntity);
            Assert.True(json.GetProperty("details").TryGetProperty("avatar", out _), json.ToString());
        }
        var header = await KindredApp.Json(await app.Api(token).PatchAsync($"/api/v1/groups/{id}", Form(("header", System.Text.Encoding.UTF8.GetBytes("GIF89a nope"), "bad.gif"))), HttpStatusCode.UnprocessableEntity);
        Assert.True(header.GetProperty("details").TryGetProperty("header", out _), header.ToString());
        Assert.Equal(before, await FilesAsync(id));
        Assert.Equal("Careful Uploaders", (await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/groups/{id}"), HttpStatusCode.OK)).GetProperty("display_name").GetString());

        // A create with a bad file creates no group.
        var refused = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/groups", Form(("display_name", null, "Never Made"), ("avatar", [1, 2, 3], "x.png"))), HttpStatusCode.UnprocessableEntity);
        Assert.True(refused.GetProperty("details").TryGetProperty("avatar", out _), refused.ToString());
        Assert.False(await app.WithDbAsync(db => db.Groups.AnyAsync(g => g.Name == "Never Made")));

        // A plain member may not change the pictures, through the API or the settings page.
        await KindredApp.Json(await app.Api(memberToken).PatchAsync($"/api/v1/groups/{id}", Form(("avatar", TestImages.Png(), "m.png"))), HttpStatusCode.Forbidden);
        var browser = await SignedInAsync("gi_bad_member");
        var page = await Html.GetAsync(browser, "/groups/careful-uploaders/admin", HttpStatusCode.Forbidden);
        Assert.DoesNotContain("name=\"avatar\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await FilesAsync(id));
        Assert.Equal(filesBefore, Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length);
        Assert.NotEqual(0, owner.Id);
    }

    [Fact]
    public async Task TheSettingsPageUploadsShowsAndRemovesThePictures()
    {
        var owner = await app.CreateUserAsync("gi_web_owner");
        var group = await app.WithServicesAsync(s => s.GetRequiredService<GroupService>().CreateAsync(owner.Id, new GroupInput { Name = "Web Painters", Visibility = GroupVisibility.Members }));
        var id = group.Id.ToString(CultureInfo.InvariantCulture);
        var path = "/groups/" + group.Slug;
        var browser = await SignedInAsync("gi_web_owner");
        var settings = await Html.GetAsync(browser, path + "/admin");
        Assert.Contains("enctype=\"multipart/form-data\"", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("Remove the group picture", settings, StringComparison.Ordinal);

        var response = await Html.PostMultipartFormAsync(browser, path + "/admin", "group-images", new Dictionary<string, string>(),
            [("avatar", "a.png", TestImages.Png(), "image/png"), ("header", "h.png", TestImages.Png(1500, 500), "image/png")]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Html.Snippet(body));
        Assert.Contains("The pictures have been saved.", body, StringComparison.Ordinal);
        var (avatar, header) = await FilesAsync(id);
        Assert.StartsWith("group-avatars/", avatar, StringComparison.Ordinal);
        Assert.StartsWith("group-headers/", header, StringComparison.Ordinal);
        var groupPage = await Html.GetAsync(browser, path);
        Assert.Contains("/media/" + avatar, groupPage, StringComparison.Ordinal);
        Assert.Contains("/media/" + header, groupPage, StringComparison.Ordinal);

        // A bad file is an error beside its input, and the pictures stay.
        var bad = await Html.PostMultipartFormAsync(browser, path + "/admin", "group-images", new Dictionary<string, string>(),
            [("avatar", "a.png", System.Text.Encoding.UTF8.GetBytes("not a picture"), "image/png")]);
        var badBody = await bad.Content.ReadAsStringAsync();
        Assert.Contains("not an image in a supported format", badBody, StringComparison.Ordinal);
        Assert.Contains("id=\"group-avatar-error\"", badBody, StringComparison.Ordinal);
        Assert.Equal((avatar, header), await FilesAsync(id));

        // Replacing deletes the old file; the remove button removes the picture and its file.
        var root = await MediaRootAsync();
        await Html.PostMultipartFormAsync(browser, path + "/admin", "group-images", new Dictionary<string, string>(), [("avatar", "b.png", TestImages.Png(80, 80), "image/png")]);
        var (newAvatar, _) = await FilesAsync(id);
        Assert.NotEqual(avatar, newAvatar);
        Assert.False(File.Exists(System.IO.Path.Combine(root, avatar!)));
        Assert.True(File.Exists(System.IO.Path.Combine(root, newAvatar!)));
        var removed = await Html.PostMultipartFormAsync(browser, path + "/admin", "group-images", new Dictionary<string, string> { ["Images.Remove"] = "avatar" }, []);
        Assert.Contains("The picture has been removed.", await removed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((null, header), await FilesAsync(id));
        Assert.False(File.Exists(System.IO.Path.Combine(root, newAvatar!)));

        // The JSON shows what the page shows.
        var json = await KindredApp.Json(await app.Api(await app.TokenAsync("gi_web_owner")).GetAsync($"/api/v1/groups/{id}"), HttpStatusCode.OK);
        Assert.Equal("/img/avatar.png", Path(json, "avatar"));
        Assert.Equal("/media/" + header, Path(json, "header"));
    }
}

public sealed class GroupImagesSqliteTests(SqliteApp app) : GroupImagesTests(app), IClassFixture<SqliteApp>;

public sealed class GroupImagesPostgresTests(PostgresApp app) : GroupImagesTests(app), IClassFixture<PostgresApp>;
