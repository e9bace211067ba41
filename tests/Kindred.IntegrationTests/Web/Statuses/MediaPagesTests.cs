using System.Net;
using System.Text.RegularExpressions;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Statuses;

/// <summary>Images in the web pages: the composer's file inputs with alt text, the post card, the profile's Media tab.</summary>
public abstract partial class MediaPagesTests(KindredApp app)
{
    [GeneratedRegex("<img src=\"(/media/attachments/[0-9a-f]{32}\\.(?:jpg|png))\" alt=\"([^\"]*)\"")]
    private static partial Regex PostImage();

    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private static Dictionary<string, string> Compose(string text, string visibility = "public", string spoiler = "", string alt = "") => new()
    {
        ["Input.Text"] = text,
        ["Input.SpoilerText"] = spoiler,
        ["Input.Visibility"] = visibility,
        ["Input.ImageDescriptions[0]"] = alt,
        ["Input.ImageDescriptions[1]"] = "",
    };

    [Fact]
    public async Task AMemberPostsAnImageWithAltTextFromTheComposer()
    {
        var author = await app.CreateUserAsync("mp_author");
        var browser = await SignedInAsync("mp_author");
        var home = await Html.GetAsync(browser, "/");
        Assert.Contains("enctype=\"multipart/form-data\"", home, StringComparison.Ordinal);
        Assert.Contains("<label for=\"compose-alt-0\">", home, StringComparison.Ordinal);

        var response = await Html.PostMultipartFormAsync(browser, "/compose", "compose", Compose("Our new garden", alt: "Tomato plants in raised beds"),
            [("image-0", "garden.jpg", TestImages.JpegWithGps(), "image/jpeg")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var media = await app.WithDbAsync(db => db.MediaAttachments.SingleAsync(m => m.AccountId == author.Id));
        Assert.Equal("Tomato plants in raised beds", media.Description);
        Assert.NotNull(media.StatusId);

        // Anyone may see a public post's image, with its description as the alt text and a link to the full size.
        var thread = await Html.GetAsync(app.Browser(), Html.Location(response));
        var image = PostImage().Match(thread);
        Assert.True(image.Success, Html.Snippet(thread));
        Assert.Equal("Tomato plants in raised beds", image.Groups[2].Value);
        Assert.Contains($"<a href=\"/media/{media.File}\">", thread, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync(image.Groups[1].Value)).StatusCode);

        var mediaTab = await Html.GetAsync(app.Browser(), "/@mp_author?media=1");
        Assert.Contains("Our new garden", mediaTab, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImageBehindAContentWarningStaysInsideTheDisclosure()
    {
        await app.CreateUserAsync("mp_cw");
        var browser = await SignedInAsync("mp_cw");
        var response = await Html.PostMultipartFormAsync(browser, "/compose", "compose", Compose("Spoilers", spoiler: "Film ending", alt: "A still"),
            [("image-0", "still.png", TestImages.Png(), "image/png")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var thread = await Html.GetAsync(browser, Html.Location(response));
        var details = thread.IndexOf("<details class=\"content-warning\">", StringComparison.Ordinal);
        var end = thread.IndexOf("</details>", details, StringComparison.Ordinal);
        var image = PostImage().Match(thread);
        Assert.True(details >= 0 && image.Success && image.Index > details && image.Index < end, Html.Snippet(thread));
    }

    [Fact]
    public async Task ANonImageFileShowsAFormErrorAndPostsNothing()
    {
        var author = await app.CreateUserAsync("mp_bad");
        var browser = await SignedInAsync("mp_bad");
        var response = await Html.PostMultipartFormAsync(browser, "/compose", "compose", Compose("With a bad file", alt: "nothing"),
            [("image-0", "good.png", TestImages.Png(), "image/png"), ("image-1", "notes.txt", "not an image"u8.ToArray(), "text/plain")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"compose-images-error\"", page, StringComparison.Ordinal);
        Assert.Contains("not an image in a supported format", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == author.Id)));
        // The good image uploaded before the bad one was discarded too.
        Assert.Equal(0, await app.WithDbAsync(db => db.MediaAttachments.CountAsync(m => m.AccountId == author.Id)));
    }

    [Fact]
    public async Task TheAuthorFixesAnImageDescriptionOnTheEditPage()
    {
        var author = await app.CreateUserAsync("mp_alt");
        var browser = await SignedInAsync("mp_alt");
        var response = await Html.PostMultipartFormAsync(browser, "/compose", "compose", Compose("Look", alt: "a dgo"),
            [("image-0", "dog.png", TestImages.Png(), "image/png")]);
        var edit = Html.Location(response) + "/edit";
        Assert.Contains("value=\"a dgo\"", await Html.GetAsync(browser, edit), StringComparison.Ordinal);

        Dictionary<string, string> Fields(string alt) => new() { ["Input.Text"] = "Look", ["Input.SpoilerText"] = "", ["Input.ImageDescriptions[0]"] = alt };
        var tooLong = await Html.PostFormAsync(browser, edit, "edit-post", Fields(new string('x', 1_501)));
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("id=\"edit-images-error\"", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("a dgo", (await app.WithDbAsync(db => db.MediaAttachments.SingleAsync(m => m.AccountId == author.Id))).Description);

        var saved = await Html.PostFormAsync(browser, edit, "edit-post", Fields("a dog"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("a dog", (await app.WithDbAsync(db => db.MediaAttachments.SingleAsync(m => m.AccountId == author.Id))).Description);
        Assert.Contains("alt=\"a dog\"", await Html.GetAsync(browser, Html.Location(saved)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingAPostFromTheWebRemovesItsImages()
    {
        var author = await app.CreateUserAsync("mp_delete");
        var browser = await SignedInAsync("mp_delete");
        var response = await Html.PostMultipartFormAsync(browser, "/compose", "compose", Compose("Soon gone", alt: "a view"),
            [("image-0", "view.png", TestImages.Png(), "image/png")]);
        var path = Html.Location(response);
        var media = await app.WithDbAsync(db => db.MediaAttachments.SingleAsync(m => m.AccountId == author.Id));
        var deleted = await Html.PostFormAsync(browser, path + "/delete", null, new Dictionary<string, string> { ["act"] = "delete" }, $"/posts/{media.StatusId}/act");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.MediaAttachments.CountAsync(m => m.AccountId == author.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/media/" + media.File)).StatusCode);
    }

    [Fact]
    public async Task AFollowersOnlyImageIsNotOnTheProfileForStrangers()
    {
        await app.CreateUserAsync("mp_private");
        var browser = await SignedInAsync("mp_private");
        var response = await Html.PostMultipartFormAsync(browser, "/compose", "compose", Compose("Only for my followers", "private", alt: "family photo"),
            [("image-0", "family.png", TestImages.Png(), "image/png")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("family photo", await Html.GetAsync(browser, "/@mp_private?media=1"), StringComparison.Ordinal);
        var anonymous = await Html.GetAsync(app.Browser(), "/@mp_private?media=1");
        Assert.DoesNotContain("family photo", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("/media/attachments/", anonymous, StringComparison.Ordinal);
    }
}

public sealed class MediaPagesSqliteTests(SqliteApp app) : MediaPagesTests(app), IClassFixture<SqliteApp>;

public sealed class MediaPagesPostgresTests(PostgresApp app) : MediaPagesTests(app), IClassFixture<PostgresApp>;
