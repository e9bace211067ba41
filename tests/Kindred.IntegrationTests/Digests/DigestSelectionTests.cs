using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Digests;

/// <summary>
/// What a digest says: each section with the right items, nothing a member may not read, no mail when there is nothing to
/// say, and the member's language. Tests in this class share one database, so each uses its own members, groups and
/// places, and only <see cref="EachSectionListsItsItemsAndAQuietMemberGetsNoMail"/> makes posts popular.
/// </summary>
public abstract class DigestSelectionTests(DigestApp app)
{
    private readonly DigestScenario scenario = new(app);

    [Fact]
    public async Task EachSectionListsItsItemsAndAQuietMemberGetsNoMail()
    {
        var clock = DigestApp.Clock();
        var bob = await scenario.MemberAsync("sel_bob");
        var alice = await scenario.MemberAsync("sel_alice");
        var frank = await scenario.MemberAsync("sel_frank");
        var quiet = await scenario.MemberAsync("sel_quiet");
        await scenario.AreaAsync(bob, 45.76, 4.84, "Lyon 1er");
        // The first run only schedules everyone's first digest.
        await app.RunDigestsAsync(clock);

        var dave = await scenario.MemberAsync("sel_dave");
        await scenario.AreaAsync(dave, 45.77, 4.83, "Croix-Rousse");
        var erin = await scenario.MemberAsync("sel_erin");
        await scenario.AreaAsync(erin, 48.85, 2.35, "Paris 4e");
        var garden = await scenario.GroupAsync("sel-garden", GroupVisibility.Members, alice, bob);
        var groupPost = await scenario.PostAsync(alice, "Seed swap on Saturday at the allotments", groupId: garden);
        var mention = await scenario.PostAsync(alice, "@sel_bob could you bring the big ladder?");
        var popular = await scenario.PostAsync(frank, "Photos from the community dinner <3");
        await scenario.FavouriteAsync(alice, popular);
        await scenario.FavouriteAsync(dave, popular);
        await scenario.PostAsync(frank, "A post nobody reacted to");
        await scenario.BlockAsync(quiet, frank);

        clock.Advance(TimeSpan.FromDays(1));
        await app.RunDigestsAsync(clock);

        var (message, text, html) = scenario.SingleDigest(bob);
        Assert.Equal("Your weekly digest from Helping Hands", message.Subject);
        Assert.Equal("<http://localhost/digest/unsubscribe?token=", message.Headers["List-Unsubscribe"]![..43]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("multipart/alternative", message.Body!.ContentType.MimeType);

        Assert.Contains("Replies and mentions you have not seen", text, StringComparison.Ordinal);
        Assert.Contains("could you bring the big ladder?", text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/@sel_alice/{mention}", text, StringComparison.Ordinal);
        Assert.Contains("In your groups", text, StringComparison.Ordinal);
        Assert.Contains("Seed swap on Saturday", text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/@sel_alice/{groupPost}", text, StringComparison.Ordinal);
        Assert.Contains("in Group sel-garden", text, StringComparison.Ordinal);
        Assert.Contains("New members near you", text, StringComparison.Ordinal);
        Assert.Contains("Croix-Rousse", text, StringComparison.Ordinal);
        Assert.Contains("http://localhost/@sel_dave", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sel_erin", text, StringComparison.Ordinal);
        Assert.Contains("Popular posts", text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/@sel_frank/{popular}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody reacted", text, StringComparison.Ordinal);

        Assert.Contains($"href=\"http://localhost/@sel_alice/{groupPost}\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost/groups/sel-garden\"", html, StringComparison.Ordinal);
        Assert.Contains("Photos from the community dinner &lt;3", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        // Blocking the only popular author leaves nothing to say: no mail at all.
        Assert.Empty(app.DigestsTo(quiet.Email));
        // The author of the popular post still hears of what is new near nobody and in no group: the post is their own.
        Assert.Empty(app.DigestsTo(frank.Email));
    }

    [Fact]
    public async Task ReadMentionsAndOldNewsAreNotRepeated()
    {
        var clock = DigestApp.Clock();
        var rita = await scenario.MemberAsync("rep_rita");
        var tom = await scenario.MemberAsync("rep_tom");
        await app.RunDigestsAsync(clock);
        await scenario.PostAsync(tom, "@rep_rita the first question, already read");
        await scenario.ReadNotificationsAsync(rita);
        await scenario.PostAsync(tom, "@rep_rita the second question, not read yet");

        clock.Advance(TimeSpan.FromDays(1));
        await app.RunDigestsAsync(clock);
        var (_, text, _) = scenario.SingleDigest(rita);
        Assert.Contains("the second question", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the first question", text, StringComparison.Ordinal);

        // A week later nothing new happened: the next digest would repeat old news, so none is sent.
        clock.Advance(TimeSpan.FromDays(7));
        await app.RunDigestsAsync(clock);
        Assert.Single(app.DigestsTo(rita.Email));
    }

    [Fact]
    public async Task NothingAMemberMayNotReadReachesTheirDigest()
    {
        var clock = DigestApp.Clock();
        var vera = await scenario.MemberAsync("vis_vera");
        var sam = await scenario.MemberAsync("vis_sam");
        var pat = await scenario.MemberAsync("vis_pat");
        var blake = await scenario.MemberAsync("vis_blake");
        await scenario.AreaAsync(vera, 43.30, 5.37, "Marseille 1er");
        await app.RunDigestsAsync(clock);

        var open = await scenario.GroupAsync("vis-open", GroupVisibility.Public, sam, vera, pat, blake);
        var secret = await scenario.GroupAsync("vis-secret", GroupVisibility.Secret, sam, pat);
        var closed = await scenario.GroupAsync("vis-closed", GroupVisibility.Members, sam, pat);
        await scenario.PostAsync(sam, "Open group: litter pick on Sunday", groupId: open);
        await scenario.PostAsync(pat, "Open group but followers only: my phone number", visibility: "private", groupId: open);
        await scenario.PostAsync(blake, "Open group from a blocked author", groupId: open);
        await scenario.PostAsync(sam, "Secret group: the shelter address", groupId: secret);
        await scenario.PostAsync(sam, "Members-only group: the key code", groupId: closed);
        await scenario.PostAsync(pat, "@vis_sam a direct word about the shelter", visibility: "direct");
        await scenario.BlockAsync(vera, blake);

        var val = await scenario.MemberAsync("vis_val");
        await scenario.AreaAsync(val, 43.31, 5.38, "Le Panier");
        var hugo = await scenario.MemberAsync("vis_hugo");
        await scenario.AreaAsync(hugo, 43.30, 5.38, "Hidden street", ProfileVisibility.OnlyMe);
        var nina = await scenario.MemberAsync("vis_nina");
        await scenario.AreaAsync(nina, 43.30, 5.36, "Undiscoverable", discoverable: false);
        var mia = await scenario.MemberAsync("vis_mia");
        await scenario.AreaAsync(mia, 43.29, 5.37, "Blocking street");
        await scenario.BlockAsync(mia, vera);

        clock.Advance(TimeSpan.FromDays(1));
        await app.RunDigestsAsync(clock);

        var (_, text, html) = scenario.SingleDigest(vera);
        Assert.Contains("litter pick on Sunday", text, StringComparison.Ordinal);
        Assert.Contains("Le Panier", text, StringComparison.Ordinal);
        foreach (var secretText in new[] { "phone number", "blocked author", "shelter", "key code", "Hidden street", "vis_hugo", "vis_nina", "Undiscoverable", "vis_mia", "Blocking street" })
        {
            Assert.DoesNotContain(secretText, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secretText, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFrenchMemberGetsTheDigestInFrench()
    {
        var clock = DigestApp.Clock();
        var francine = await scenario.MemberAsync("fr_francine", locale: "fr");
        var leo = await scenario.MemberAsync("fr_leo");
        await app.RunDigestsAsync(clock);
        var group = await scenario.GroupAsync("fr-jardin", GroupVisibility.Public, leo, francine);
        await scenario.PostAsync(leo, "Bourse aux graines samedi", groupId: group);

        clock.Advance(TimeSpan.FromDays(1));
        await app.RunDigestsAsync(clock);

        var (message, text, html) = scenario.SingleDigest(francine);
        Assert.Equal("Votre résumé de la semaine — Helping Hands", message.Subject);
        Assert.Contains("Dans vos groupes", text, StringComparison.Ordinal);
        Assert.Contains("Bourse aux graines samedi", text, StringComparison.Ordinal);
        Assert.Contains("Ne plus recevoir ces résumés", text, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("In your groups", text, StringComparison.Ordinal);
    }
}

public sealed class DigestSelectionSqliteTests(DigestSqliteApp app) : DigestSelectionTests(app), IClassFixture<DigestSqliteApp>;

public sealed class DigestSelectionPostgresTests(DigestPostgresApp app) : DigestSelectionTests(app), IClassFixture<DigestPostgresApp>;
