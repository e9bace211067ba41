using System.Text.RegularExpressions;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Search;

/// <summary>The search page: a GET form in every page's header, people, hashtags and post cards, paging, both languages.</summary>
public abstract partial class SearchPageTests(KindredApp app)
{
    [GeneratedRegex("<article class=\"post\"")]
    private static partial Regex StatusCard();

    private Task<Status> PostAsync(long authorId, string text, Audience visibility = Audience.Public) =>
        app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(authorId, new NewStatus(text, "http://localhost", visibility)));

    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    [Fact]
    public async Task EveryPageHasALabelledSearchFormThatNeedsNoJavaScript()
    {
        var home = await Html.GetAsync(app.Browser(), "/community");
        Assert.Contains("<form method=\"get\" action=\"/search\" role=\"search\"", home, StringComparison.Ordinal);
        Assert.Contains("<label for=\"site-search\"", home, StringComparison.Ordinal);
        Assert.Contains("id=\"site-search\" name=\"q\"", home, StringComparison.Ordinal);

        var empty = await Html.GetAsync(app.Browser(), "/search");
        Assert.Contains("id=\"search-q\"", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("people-heading", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousVisitorsFindPeopleAndHashtagsAndAreAskedToSignInForPosts()
    {
        var author = await app.CreateUserAsync("sp_capucine");
        await PostAsync(author.Id, "Les #Capucines du jardin");

        var page = await Html.GetAsync(app.Browser(), "/search?q=capucine");
        Assert.Contains("href=\"/@sp_capucine\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/tags/capucines\">#Capucines</a>", page, StringComparison.Ordinal);
        Assert.Contains("Sign in to search posts.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("du jardin", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersSeeTheCardsOfPostsTheyMayReadWhateverTheAccents()
    {
        var author = await app.CreateUserAsync("sp_author");
        await app.CreateUserAsync("sp_friend");
        await app.CreateUserAsync("sp_reader");
        await PostAsync(author.Id, "Fête de l'École ce samedi, venez nombreux liserons");
        await PostAsync(author.Id, "@sp_friend entre nous, l'école ferme liserons", Audience.Direct);

        var page = await Html.GetAsync(await SignedInAsync("sp_reader"), "/search?q=ecole+liserons");
        Assert.Equal(1, StatusCard().Count(page));
        Assert.Contains("ce samedi", page, StringComparison.Ordinal);
        Assert.DoesNotContain("entre nous", page, StringComparison.Ordinal);

        var mine = await Html.GetAsync(await SignedInAsync("sp_friend"), "/search?q=%C3%89COLE+liserons&type=statuses");
        Assert.Equal(2, StatusCard().Count(mine));
    }

    [Fact]
    public async Task PostResultsArePagedByOffset()
    {
        var author = await app.CreateUserAsync("sp_pager");
        for (var i = 0; i < 22; i++)
        {
            await PostAsync(author.Id, $"bulletin {i} pissenlits");
        }
        var browser = await SignedInAsync("sp_pager");

        var all = await Html.GetAsync(browser, "/search?q=pissenlits");
        Assert.Equal(20, StatusCard().Count(all));
        Assert.Contains("href=\"/search?q=pissenlits&amp;type=statuses\">More posts</a>", all, StringComparison.Ordinal);

        var first = await Html.GetAsync(browser, "/search?q=pissenlits&type=statuses");
        Assert.Equal(20, StatusCard().Count(first));
        Assert.Contains("bulletin 21 pissenlits", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?q=pissenlits&amp;type=statuses&amp;offset=20\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);

        var second = await Html.GetAsync(browser, "/search?q=pissenlits&type=statuses&offset=20");
        Assert.Equal(2, StatusCard().Count(second));
        Assert.Contains("bulletin 0 pissenlits", second, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinkToAPostOfThisServerOpensOntoThatPost()
    {
        var author = await app.CreateUserAsync("sp_linked");
        var status = await PostAsync(author.Id, "Le lien direct fonctionne");

        var page = await Html.GetAsync(app.Browser(), "/search?q=" + Uri.EscapeDataString($"http://localhost/@sp_linked/{status.Id}"));
        Assert.Equal(1, StatusCard().Count(page));
        Assert.Contains("Le lien direct fonctionne", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageSpeaksFrench()
    {
        var page = System.Net.WebUtility.HtmlDecode(await Html.GetAsync(app.Browser(), "/search?q=quelquechose&culture=fr"));
        Assert.Contains("Rechercher des personnes, des publications, des groupes, des événements et de l'entraide", page, StringComparison.Ordinal);
        Assert.Contains("Aucun groupe trouvé.", page, StringComparison.Ordinal);
        Assert.Contains("Aucune personne trouvée.", page, StringComparison.Ordinal);
        Assert.Contains("Connectez-vous pour rechercher dans les publications.", page, StringComparison.Ordinal);
    }
}

public sealed class SearchPageSqliteTests(SqliteApp app) : SearchPageTests(app), IClassFixture<SqliteApp>;

public sealed class SearchPagePostgresTests(PostgresApp app) : SearchPageTests(app), IClassFixture<PostgresApp>;
