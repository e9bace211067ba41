using System.Net;
using Kindred.Core.Aid;
using Kindred.Core.Digests;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Aid;

/// <summary>
/// Search and digests never leak an aid item (ADR 31): every audience × sensitive flag × viewer (anonymous, member
/// outside the audience, group member, vetted helper, owner, safeguarding lead, moderator) finds exactly what the rule
/// allows. Digests drop the lead's override and the recipient's own items, and name a sensitive request without its title.
/// </summary>
public abstract class AidLeakMatrixTests(AidApp app)
{
    private static readonly (AidAudience Audience, bool Sensitive)[] Cases =
    [
        (AidAudience.Public, false), (AidAudience.Members, false), (AidAudience.Members, true),
        (AidAudience.Group, false), (AidAudience.Group, true), (AidAudience.VettedHelpers, false), (AidAudience.VettedHelpers, true),
    ];

    private static string Title((AidAudience Audience, bool Sensitive) c, string word = "quokkamatrix") => $"{word} {c.Audience} {(c.Sensitive ? "sensitive" : "plain")}";

    private sealed record World(Dictionary<string, User> Viewers, DateTime Start);

    private async Task<World> WorldAsync(double lat, string word)
    {
        var start = DateTime.UtcNow.AddMinutes(-1);
        var owner = await app.MemberAtAsync("lk_owner", lat, 10);
        var viewers = new Dictionary<string, User>
        {
            ["owner"] = owner,
            ["member"] = await app.MemberAtAsync("lk_member", lat, 10),
            ["group"] = await app.MemberAtAsync("lk_group", lat, 10),
            ["vetted"] = await app.MemberAtAsync("lk_vetted", lat, 10),
            ["lead"] = await app.MemberAtAsync("lk_lead", lat, 10),
            ["moderator"] = await app.MemberAtAsync("lk_mod", lat, 10, UserRole.Moderator),
        };
        await app.VetAsync(viewers["vetted"]);
        var group = await TestGroups.CreateAsync(app, "matrix-" + owner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), GroupVisibility.Public, owner.Id);
        var groupId = group.Id;
        await TestGroups.JoinAsync(app, groupId, viewers["group"].Id);
        await app.WithDbAsync(async db =>
        {
            var lead = await db.Users.FindAsync(viewers["lead"].Id);
            lead!.IsSafeguardingLead = true;
            await db.SaveChangesAsync();
        });
        foreach (var c in Cases)
        {
            await app.ItemAsync(owner, new AidInput
            {
                Kind = AidKind.Request,
                Category = "shelter",
                Title = Title(c, word),
                Description = "somewhere to stay",
                Audience = c.Audience,
                GroupId = c.Audience == AidAudience.Group ? groupId : null,
                Sensitive = c.Sensitive,
            });
        }
        return new World(viewers, start);
    }

    private static IEnumerable<string> Expected(string viewer, bool digest) => Cases.Where(c => viewer switch
    {
        "owner" => !digest,
        "lead" when !digest => true,
        "group" => c.Audience is AidAudience.Public or AidAudience.Members or AidAudience.Group,
        "vetted" => c.Audience is AidAudience.Public or AidAudience.Members or AidAudience.VettedHelpers,
        _ => c.Audience is AidAudience.Public or AidAudience.Members,
    }).Select(c => Title(c)).Order(StringComparer.Ordinal);

    [Fact]
    public async Task SearchFindsAidItemsOnlyWhereTheRuleAllows()
    {
        var world = await WorldAsync(40, "quokkamatrix");
        foreach (var (name, user) in world.Viewers)
        {
            var token = await app.TokenAsync(user.UserName!, "read");
            var found = await KindredApp.Json(await app.Api(token).GetAsync("/api/v2/search?q=quokkamatrix&type=kindred_aid_items&limit=40"), HttpStatusCode.OK);
            var titles = found.GetProperty("kindred_aid_items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).Order(StringComparer.Ordinal);
            Assert.True(Expected(name, digest: false).SequenceEqual(titles), $"{name}: {string.Join(", ", titles)}");
        }
        var anonymous = await KindredApp.Json(await app.Api().GetAsync("/api/v2/search?q=quokkamatrix"), HttpStatusCode.OK);
        Assert.Empty(anonymous.GetProperty("kindred_aid_items").EnumerateArray());
        var appToken = await app.AppTokenAsync("read");
        var asApp = await KindredApp.Json(await app.Api(appToken).GetAsync("/api/v2/search?q=quokkamatrix"), HttpStatusCode.OK);
        Assert.Empty(asApp.GetProperty("kindred_aid_items").EnumerateArray());
        await KindredApp.Json(await app.Api(await app.TokenAsync(world.Viewers["member"].UserName!, "read")).GetAsync("/api/v2/search?q=quokkamatrix&type=aid"), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task SearchFoldsCaseAndAccentsOnBothSidesAndFillsOlderItemsOnStart()
    {
        var owner = await app.MemberAtAsync("lk_fold_owner", 46, 10);
        var reader = await app.MemberAtAsync("lk_fold_reader", 46, 10);
        var item = await app.ItemAsync(owner, new AidInput { Kind = AidKind.Request, Category = "childcare", Title = "CRÈCHE du soir", Description = "Garde d'enfants, cœur du quartier", Audience = AidAudience.Members });
        var token = await app.TokenAsync(reader.UserName!, "read");
        async Task<List<long>> FindAsync(string q) =>
            (await KindredApp.Json(await app.Api(token).GetAsync("/api/v2/search?type=kindred_aid_items&q=" + Uri.EscapeDataString(q)), HttpStatusCode.OK))
                .GetProperty("kindred_aid_items").EnumerateArray().Select(i => long.Parse(i.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        foreach (var q in new[] { "creche", "Crèche", "CRÈCHE", "crèche soir", "coeur", "CŒUR", "enfants" })
        {
            Assert.Equal([item.Id], await FindAsync(q));
        }
        Assert.Empty(await FindAsync("creche matin"));

        // An item written before the folded text was kept has none; the start-up fill gives it one.
        await app.WithDbAsync(db => db.AidItems.Where(i => i.Id == item.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.SearchText, "")));
        await app.WithServicesAsync(async s =>
        {
            var backfill = s.GetRequiredService<AidSearchBackfill>();
            Assert.Equal(1, await backfill.RunAsync());
            Assert.Equal(0, await backfill.RunAsync());
            return true;
        });
        Assert.Equal([item.Id], await FindAsync("Crèche"));
    }

    [Fact]
    public async Task DigestsListNearbyRequestsOnlyWhereTheAudienceRuleAllows()
    {
        var world = await WorldAsync(44, "wombatmatrix");
        foreach (var (name, user) in world.Viewers)
        {
            var content = await app.WithServicesAsync(s => s.GetRequiredService<DigestQueries>().SelectAsync(user.Id, world.Start, DateTime.UtcNow.AddMinutes(1)));
            var shown = content.AidRequests.Select(a => a.Title ?? "quokkamatrix " + Cases.Single(c => c.Sensitive && Matches(a, c)).Audience + " sensitive")
                .Select(t => t.Replace("wombatmatrix", "quokkamatrix", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            Assert.True(Expected(name, digest: true).SequenceEqual(shown), $"{name}: {string.Join(", ", shown)}");
            Assert.All(content.AidRequests.Where(a => a.Title is null), a => Assert.Equal("shelter", a.CategorySlug));
        }
        var mail = DigestEmail.Render(
            await app.WithServicesAsync(s => s.GetRequiredService<DigestQueries>().SelectAsync(world.Viewers["member"].Id, world.Start, DateTime.UtcNow.AddMinutes(1))),
            DigestText.English, "Member", "Helping Hands", true, "http://localhost", "http://localhost/unsubscribe");
        Assert.Contains("Requests for help near you", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Someone near you needs help with shelter and housing (a confidential request)", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Members sensitive", mail.Text, StringComparison.Ordinal);
    }

    // Sensitive items carry no title in a digest; the test tells them apart by id order, the order they were created in.
    private bool Matches(DigestAid aid, (AidAudience Audience, bool Sensitive) c) =>
        app.WithDbAsync(db => Task.FromResult(db.AidItems.Any(i => i.Id == aid.Id && i.Audience == c.Audience && i.Sensitive == c.Sensitive))).GetAwaiter().GetResult();
}

public sealed class AidLeakMatrixSqliteTests(AidSqliteApp app) : AidLeakMatrixTests(app), IClassFixture<AidSqliteApp>;

public sealed class AidLeakMatrixPostgresTests(AidPostgresApp app) : AidLeakMatrixTests(app), IClassFixture<AidPostgresApp>;
