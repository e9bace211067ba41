using System.Globalization;
using System.Net;
using System.Text;
using Kindred.Core.Common.Email;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Kindred.Core.Accounts;

/// <summary>The e-mails that carry account links: confirmation and password reset, in the member's language.</summary>
public sealed class AccountEmails(UserManager<User> users, EmailSender sender)
{
    public async Task SendConfirmationAsync(User user, string baseUrl, CancellationToken ct = default)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = $"{baseUrl.TrimEnd('/')}/account/confirm?user={user.Id.ToString(CultureInfo.InvariantCulture)}&code={Encode(token)}";
        var fr = user.Locale == "fr";
        await SendAsync(user, fr ? "Confirmez votre adresse e-mail" : "Confirm your e-mail address",
            fr ? "Bienvenue ! Pour confirmer votre adresse, ouvrez ce lien :" : "Welcome! To confirm your address, open this link:",
            link, ct);
    }

    public async Task SendPasswordResetAsync(User user, string baseUrl, CancellationToken ct = default)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{baseUrl.TrimEnd('/')}/account/reset-password?user={user.Id.ToString(CultureInfo.InvariantCulture)}&code={Encode(token)}";
        var fr = user.Locale == "fr";
        await SendAsync(user, fr ? "Réinitialiser votre mot de passe" : "Reset your password",
            fr ? "Pour choisir un nouveau mot de passe, ouvrez ce lien. Si vous n'avez rien demandé, ignorez ce message :"
               : "To choose a new password, open this link. If you did not ask for this, ignore this message:",
            link, ct);
    }

    /// <summary>Tells an applicant that an admin decided; an approved applicant gets the sign-in link.</summary>
    public Task SendApplicationDecisionAsync(User user, bool approved, string baseUrl, CancellationToken ct = default)
    {
        var fr = user.Locale == "fr";
        var signIn = $"{baseUrl.TrimEnd('/')}/account/sign-in";
        return approved
            ? SendAsync(user, fr ? "Votre demande a été acceptée" : "Your application was approved",
                fr ? "Bienvenue ! Votre demande d'inscription a été acceptée. Vous pouvez vous connecter ici :" : "Welcome! Your application to join was approved. You can sign in here:",
                signIn, ct)
            : SendAsync(user, fr ? "Votre demande n'a pas été acceptée" : "Your application was not approved",
                fr ? "Votre demande d'inscription n'a pas été acceptée. Pour toute question, répondez à l'organisation via son site :" : "Your application to join was not approved. If you have questions, contact the organization through its site:",
                baseUrl.TrimEnd('/') + "/", ct);
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private Task SendAsync(User user, string subject, string intro, string link, CancellationToken ct)
    {
        var text = $"{intro}\n\n{link}\n";
        var html = $"<p>{WebUtility.HtmlEncode(intro)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>";
        return sender.SendAsync(user.Email!, subject, text, html, ct);
    }
}
