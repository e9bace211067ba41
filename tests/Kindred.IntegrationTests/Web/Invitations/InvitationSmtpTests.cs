using System.Net;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;

namespace Kindred.IntegrationTests.Web.Invitations;

/// <summary>An e-mail invitation goes out through a real SMTP server on loopback, as multipart text and HTML.</summary>
public sealed class InvitationSmtpTests(SmtpApp app) : IClassFixture<SmtpApp>
{
    [Fact]
    public async Task AnEmailInvitationIsDeliveredThroughSmtp()
    {
        await app.CreateUserAsync("smtp_inviter");
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, "smtp_inviter", KindredApp.Password);
        var response = await Html.PostFormAsync(browser, "/invitations", "invitation-email", new Dictionary<string, string>
        {
            ["Input.Email"] = "invitee@example.net",
            ["Input.Language"] = "en",
            ["Input.Message"] = "See you at the allotment",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single(app.Smtp.ReceivedEmail, m => m.ToAddresses.Any(a => a.Address == "invitee@example.net"));
        Assert.Equal("community@example.org", message.FromAddress.Address);
        Assert.Equal("smtp_inviter invites you to join Helping Hands", message.Headers["Subject"]);
        var bodies = string.Join("\n", message.MessageParts.Select(p => p.BodyData.Replace("=\r\n", "", StringComparison.Ordinal)));
        Assert.Contains("See you at the allotment", bodies, StringComparison.Ordinal);
        Assert.Contains("http://localhost/invite/", bodies, StringComparison.Ordinal);
        Assert.Contains(message.MessageParts, p => p.HeaderData.Contains("text/html", StringComparison.Ordinal));
    }
}
