using System.Net;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Shared;

/// <summary>Counts read as people say them (ADR 86): 0, 1 and 2 on a post and a profile, in English and French, where
/// English says "0 replies" and "1 reply" and French "0 réponse" and "1 réponse".</summary>
public abstract class PluralPagesTests(KindredApp app)
{
    private static async Task<string> PageAsync(HttpClient browser, string url) =>
        WebUtility.HtmlDecode(await Html.GetAsync(browser, url));

    private HttpClient French()
    {
        var browser = app.Browser();
        browser.DefaultRequestHeaders.Add("Accept-Language", "fr");
        return browser;
    }

    [Fact]
    public async Task APostsCountsReadInTheSingularForOneAndInFrenchForZeroToo()
    {
        var author = await app.CreateUserAsync("pl_author");
        var first = await app.CreateUserAsync("pl_first");
        var second = await app.CreateUserAsync("pl_second");
        var post = await app.WithServicesAsync(async s =>
        {
            var statuses = s.GetRequiredService<StatusService>();
            var status = await statuses.CreateAsync(author.Id, new NewStatus("Soup on Sunday", "http://localhost", Audience.Public));
            await statuses.CreateAsync(first.Id, new NewStatus("Count me in", "http://localhost", Audience.Public, InReplyToId: status.Id));
            await statuses.FavouriteAsync(first.Id, status.Id);
            await statuses.FavouriteAsync(second.Id, status.Id);
            return status;
        });
        var url = $"/@pl_author/{post.Id}";

        var english = await PageAsync(app.Browser(), url);
        Assert.Contains("<li>1 reply</li>", english, StringComparison.Ordinal);
        Assert.Contains("<li>0 boosts</li>", english, StringComparison.Ordinal);
        Assert.Contains("<li>2 favourites</li>", english, StringComparison.Ordinal);

        var french = await PageAsync(French(), url + "?culture=fr");
        Assert.Contains("<li>1 réponse</li>", french, StringComparison.Ordinal);
        Assert.Contains("<li>0 partage</li>", french, StringComparison.Ordinal);
        Assert.Contains("<li>2 favoris</li>", french, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProfilesFollowersReadInTheSingularForOne()
    {
        var member = await app.CreateUserAsync("pl_member");
        var fan = await app.CreateUserAsync("pl_fan");

        Assert.Contains("<li>0 followers</li>", await PageAsync(app.Browser(), "/@pl_member"), StringComparison.Ordinal);
        Assert.Contains("<li>0 abonné·e</li>", await PageAsync(French(), "/@pl_member?culture=fr"), StringComparison.Ordinal);

        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<RelationshipService>().FollowAsync(fan.Id, member.Id);
            return true;
        });
        var english = await PageAsync(app.Browser(), "/@pl_member");
        Assert.Contains("<li>1 follower</li>", english, StringComparison.Ordinal);
        Assert.Contains("<li>0 following</li>", english, StringComparison.Ordinal);
        var french = await PageAsync(French(), "/@pl_member?culture=fr");
        Assert.Contains("<li>1 abonné·e</li>", french, StringComparison.Ordinal);
        Assert.Contains("<li>0 abonnement</li>", french, StringComparison.Ordinal);
        Assert.Contains("<li>1 abonnement</li>", await PageAsync(French(), "/@pl_fan?culture=fr"), StringComparison.Ordinal);
    }
}

public sealed class PluralPagesSqliteTests(SqliteApp app) : PluralPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PluralPagesPostgresTests(PostgresApp app) : PluralPagesTests(app), IClassFixture<PostgresApp>;
