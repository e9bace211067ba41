using System.Text.RegularExpressions;
using Kindred.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using SkiaSharp;
using Xunit.Abstractions;

namespace Kindred.BrowserTests.Web;

/// <summary>The first hour of a community, in a real browser: setup, a newcomer joining, and their profile going up.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NewcomerJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task OrganizerSetsUpAndANewcomerJoinsConfirmsSignsInAndPublishesTheirProfile()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        // The organizer opens the fresh install and is sent to setup.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the setup page", output.WriteLine);
        // The stylesheet is served and applied: the skip link hides until the keyboard reaches it.
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).Not.ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Riverside Food Bank");
        await page.GetByLabel("Short description").FillAsync("Neighbours helping neighbours.");
        await page.GetByLabel("Username").FillAsync("organizer");
        await page.GetByLabel("E-mail").FillAsync("organizer@example.org");
        await page.GetByLabel("Password (at least 10 characters)").FillAsync("riverside-owner-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the community" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Riverside Food Bank", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Welcome, organizer.")).ToBeVisibleAsync();

        // The organizer signs out; the next person on this computer is a newcomer.
        // On a phone the header's other links are in its menu (ADR 90).
        await page.Locator(".site-menu > summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        var mainNavigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(mainNavigation.GetByRole(AriaRole.Link, new() { Name = "Join" })).ToBeVisibleAsync();

        // The newcomer signs up; a first attempt without accepting the rules is refused with the reason.
        await mainNavigation.GetByRole(AriaRole.Link, new() { Name = "Join" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-up$"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the sign-up page", output.WriteLine);
        await page.GetByLabel("Username").FillAsync("amina");
        await page.GetByLabel("E-mail").FillAsync("amina@example.org");
        await page.GetByLabel("Password").FillAsync("allotment-tomatoes-7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please accept the server rules to join.");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the sign-up page with an error", output.WriteLine);
        await page.GetByLabel("Password").FillAsync("allotment-tomatoes-7");
        await page.GetByLabel("I accept these rules").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(page.GetByText("Check your e-mail")).ToBeVisibleAsync();

        // Signing in before confirming explains what to do.
        await page.GotoAsync("/account/sign-in");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the sign-in page", output.WriteLine);
        await page.GetByLabel("Username or e-mail").FillAsync("amina");
        await page.GetByLabel("Password").FillAsync("allotment-tomatoes-7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please confirm your e-mail address first");

        // The link in the confirmation e-mail confirms the address.
        var confirmLink = await Mailbox.LinkAsync(fixture.Server.MailDirectory, "amina@example.org", fixture.BaseUrl + "/account/confirm");
        await page.GotoAsync(confirmLink);
        await Expect(page.GetByText("Thank you, your e-mail address is confirmed.")).ToBeVisibleAsync();

        // A wrong password gets the same answer as an unknown name; the right one signs in.
        await page.GotoAsync("/account/sign-in?returnUrl=%2Fsettings%2Fprofile");
        await page.GetByLabel("Username or e-mail").FillAsync("amina@example.org");
        await page.GetByLabel("Password").FillAsync("not-my-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong username or password.");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the sign-in page with an error", output.WriteLine);
        await page.GetByLabel("Password").FillAsync("allotment-tomatoes-7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).Last.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/profile$"));

        // She fills in her profile, with a picture.
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the profile settings page", output.WriteLine);
        await page.GetByLabel("Display name").FillAsync("Amina Haddad");
        await page.GetByLabel("Bio", new() { Exact = true }).FillAsync("I grow **tomatoes** at the allotment and cook for the Friday lunch.");
        await page.GetByLabel("Interests", new() { Exact = true }).FillAsync("gardening, cooking");
        await page.GetByLabel("Skills", new() { Exact = true }).FillAsync("first aid");
        await page.GetByLabel("Home area").FillAsync("Riverside North");
        await page.GetByLabel("New profile picture").SetInputFilesAsync(new FilePayload
        {
            Name = "amina.png",
            MimeType = "image/png",
            Buffer = TestImages.Png(120, 90, new SKColor(0x2e, 0x7d, 0x32)),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your profile has been saved.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your saved bio, as others see it" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the profile settings page after saving", output.WriteLine);

        // Everyone can see the public profile.
        await page.GotoAsync("/@amina");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Amina Haddad", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".bio strong")).ToHaveTextAsync("tomatoes");
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "gardening" })).ToBeVisibleAsync();
        var avatar = page.GetByRole(AriaRole.Img, new() { Name = "Profile picture of Amina Haddad" });
        await Expect(avatar).ToHaveAttributeAsync("src", new Regex("^/media/avatars/"));
        var width = await avatar.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0");
        Assert.True(width > 0, "The uploaded profile picture did not load.");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the public profile page", output.WriteLine);

        // An address nobody has is a 404, not an empty profile.
        var missing = await page.GotoAsync("/@nobody_here");
        Assert.Equal(404, missing?.Status);

        // Her security settings list this browser as a session.
        await page.GotoAsync("/settings/account");
        await Expect(page.GetByText("This browser", new() { Exact = true })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the account settings page", output.WriteLine);

        // She shares her first post from the home page; it opens on its own page, where she replies and favourites it.
        await page.GotoAsync("/");
        await Expect(page.GetByLabel("What would you like to share?")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Who can read it")).ToHaveValueAsync("members_only");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the home page with the composer", output.WriteLine);
        await page.GetByLabel("What would you like to share?").FillAsync("Tomato seedlings to give away at the #allotment on Saturday.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/@amina/\\d+$"));
        var threadUrl = page.Url;
        var post = page.Locator(".thread-main .post");
        await Expect(post).ToContainTextAsync("Tomato seedlings to give away");
        await Expect(post).ToContainTextAsync("Members only");
        // The reply form is compact: the text and its button, the other fields folded away until asked for; the
        // audience waiting there is the post's own (ADR 86).
        await Expect(page.GetByLabel("Who can read it")).ToBeHiddenAsync();
        await page.GetByText("More options: content warning, images, who can read it, poll").ClickAsync();
        await Expect(page.GetByLabel("Who can read it")).ToHaveValueAsync("members_only");
        await page.GetByLabel("Your reply").FillAsync("Come after ten, I will be at plot 12.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reply", Exact = true }).ClickAsync();
        // The reply opens on its own page, below the post it answers.
        await Expect(page.Locator(".thread-main .post")).ToContainTextAsync("Come after ten");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Earlier in the conversation" })).ToContainTextAsync("Tomato seedlings");
        await page.GotoAsync(threadUrl);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Replies" })).ToContainTextAsync("Come after ten");
        await post.GetByRole(AriaRole.Button, new() { Name = "Favourite", Exact = true }).ClickAsync();
        await Expect(page.Locator(".thread-main .post").GetByRole(AriaRole.Button, new() { Name = "Undo favourite" })).ToBeVisibleAsync();
        await Expect(page.Locator(".thread-main .post")).ToContainTextAsync("1 favourite");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the thread page", output.WriteLine);
        await page.GotoAsync("/community");
        await Expect(page.GetByText("Tomato seedlings to give away")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the community page", output.WriteLine);

        // The organizer comes back, in French, and gives Amina a staff role.
        // On a phone the header's other links are in its menu (ADR 90).
        await page.Locator(".site-menu > summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).First.ClickAsync();
        await page.GetByLabel("Language").SelectOptionAsync("fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change" }).ClickAsync();
        await page.GotoAsync("/account/sign-in");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se connecter", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the French sign-in page", output.WriteLine);
        await page.GetByLabel("Nom d'utilisateur·rice ou e-mail").FillAsync("organizer");
        await page.GetByLabel("Mot de passe").FillAsync("riverside-owner-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
        // On a phone the header's other links are in its menu (ADR 90).
        await page.Locator(".site-menu > summary").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/users$"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the members page", output.WriteLine);
        await page.GetByLabel("Rôle de @amina").SelectOptionAsync("staff");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer Rôle de @amina" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("@amina est maintenant : Équipe.");

        // They create an invitation link and look at the (empty) queue of applications.
        await page.GotoAsync("/admin/invitations");
        await page.GetByLabel("Nombre de personnes qui peuvent l'utiliser").FillAsync("5");
        await page.GetByLabel("Expire après (jours)").FillAsync("14");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer l'invitation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(fixture.BaseUrl + "/account/sign-up?invite=");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the invitations page", output.WriteLine);
        await page.GotoAsync("/admin/applications");
        await Expect(page.GetByText("Personne n'attend de validation.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the applications page", output.WriteLine);

        // A report from the post card, the thank-you, and the moderators' list of open reports.
        await page.GotoAsync(threadUrl);
        // Report is in the post's action menu, beside the compact row of actions (ADR 90).
        await page.Locator(".thread-main .post .action-menu > summary").ClickAsync();
        await page.Locator(".thread-main .post").GetByRole(AriaRole.Link, new() { Name = "Signaler", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Tomato seedlings to give away", new() { Exact = false })).ToBeCheckedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the report page", output.WriteLine);
        await page.GetByLabel("Qu’est-ce qui ne va pas ?").SelectOptionAsync("spam");
        await page.GetByLabel("Autre chose que", new() { Exact = false }).FillAsync("Un test de signalement.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le signalement" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Merci pour votre signalement", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the report thank-you page", output.WriteLine);
        // The organizer moderates from the console (ADR 67): the queue lists the report, its page shows the comment.
        // On a phone the header's other links are in its menu (ADR 90).
        await page.Locator(".site-menu > summary").ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Principal" }).GetByRole(AriaRole.Link, new() { Name = "Modération" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Modération", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the moderation queue", output.WriteLine);
        await page.Locator("ul.reports li a").First.ClickAsync();
        await Expect(page.GetByText("Un test de signalement.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the report page for moderators", output.WriteLine);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
