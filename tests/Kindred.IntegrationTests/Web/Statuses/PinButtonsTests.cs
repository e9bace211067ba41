using System.Globalization;
using System.Net;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Statuses;

/// <summary>The pin and unpin buttons of a post card, and pinned posts first on the profile.</summary>
public abstract class PinButtonsTests(KindredApp app)
{
    private static int users;

    private async Task<(User User, HttpClient Browser)> MemberAsync(string prefix)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, name, KindredApp.Password);
        return (user, browser);
    }

    private Task<Status> PostAsync(long authorId, string text, Audience visibility = Audience.Public) =>
        app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(authorId, new NewStatus(text, "http://localhost", visibility)));

    private static async Task<HttpResponseMessage> ActAsync(HttpClient browser, string page, long id, string act) =>
        await Html.PostFormAsync(browser, page, null, new Dictionary<string, string> { ["act"] = act, ["returnUrl"] = page }, $"/posts/{id}/act");

    private Task<DateTime?> PinnedAtAsync(long id) => app.WithDbAsync(db => db.Statuses.Where(s => s.Id == id).Select(s => s.PinnedAt).SingleAsync());

    [Fact]
    public async Task AMemberPinsAndUnpinsTheirOwnPostAndTheProfileShowsItFirst()
    {
        var (author, browser) = await MemberAsync("pin_author");
        var pinned = await PostAsync(author.Id, "Our opening hours", Audience.Members);
        await PostAsync(author.Id, "A newer post");
        var profile = $"/@{author.UserName}";

        var before = await Html.GetAsync(browser, profile);
        Assert.Contains("value=\"pin\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("<h3>Pinned</h3>", before, StringComparison.Ordinal);

        var response = await ActAsync(browser, profile, pinned.Id, "pin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{profile}#post-{pinned.Id}", Html.Location(response));
        Assert.NotNull(await PinnedAtAsync(pinned.Id));

        var after = await Html.GetAsync(browser, profile);
        var heading = after.IndexOf("<h3>Pinned</h3>", StringComparison.Ordinal);
        Assert.True(heading > 0);
        Assert.True(after.IndexOf("Our opening hours", StringComparison.Ordinal) > heading);
        Assert.True(after.IndexOf("Our opening hours", StringComparison.Ordinal) < after.IndexOf("A newer post", StringComparison.Ordinal));
        Assert.Contains("value=\"unpin\"", after, StringComparison.Ordinal);

        await ActAsync(browser, profile, pinned.Id, "unpin");
        Assert.Null(await PinnedAtAsync(pinned.Id));
        Assert.DoesNotContain("<h3>Pinned</h3>", await Html.GetAsync(browser, profile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoPinButtonForFollowersOnlyPostsOrOthersPostsAndPressingItAnywayChangesNothing()
    {
        var (author, browser) = await MemberAsync("pin_private");
        var (other, _) = await MemberAsync("pin_other");
        var secret = await PostAsync(author.Id, "for followers", Audience.Private);
        var theirs = await PostAsync(other.Id, "someone else's");

        Assert.DoesNotContain("value=\"pin\"", await Html.GetAsync(browser, $"/@{author.UserName}/{secret.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"pin\"", await Html.GetAsync(browser, $"/@{other.UserName}/{theirs.Id}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(browser, $"/@{author.UserName}/{secret.Id}", secret.Id, "pin")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(browser, $"/@{other.UserName}/{theirs.Id}", theirs.Id, "pin")).StatusCode);
        Assert.Null(await PinnedAtAsync(secret.Id));
        Assert.Null(await PinnedAtAsync(theirs.Id));
    }
}

public sealed class PinButtonsSqliteTests(SqliteApp app) : PinButtonsTests(app), IClassFixture<SqliteApp>;

public sealed class PinButtonsPostgresTests(PostgresApp app) : PinButtonsTests(app), IClassFixture<PostgresApp>;
