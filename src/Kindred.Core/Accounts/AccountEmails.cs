using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Text;
using Kindred.Core.Common.Email;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Kindred.Core.Accounts;

/// <summary>
/// The e-mails that carry account links, in the member's language. The ones a stranger can make the server write
/// (confirmation, password reset, "someone tried to join with your address") go through <see cref="MailJob"/>:
/// the request only writes a row, so its answer time does not tell whether an account exists (ADR 47).
/// </summary>
public sealed class AccountEmails(UserManager<User> users, EmailSender sender, MailJob queue, KindredDbContext db)
{
    public async Task QueueConfirmationAsync(User user, string baseUrl, CancellationToken ct = default)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = $"{baseUrl.TrimEnd('/')}/account/confirm?user={user.Id.ToString(CultureInfo.InvariantCulture)}&code={Encode(token)}";
        var fr = user.Locale == "fr";
        await QueueAsync(user, fr ? "Confirmez votre adresse e-mail" : "Confirm your e-mail address",
            fr ? "Bienvenue ! Pour confirmer votre adresse, ouvrez ce lien :" : "Welcome! To confirm your address, open this link:",
            link, ct);
    }

    public async Task QueuePasswordResetAsync(User user, string baseUrl, CancellationToken ct = default)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{baseUrl.TrimEnd('/')}/account/reset-password?user={user.Id.ToString(CultureInfo.InvariantCulture)}&code={Encode(token)}";
        var fr = user.Locale == "fr";
        await QueueAsync(user, fr ? "Réinitialiser votre mot de passe" : "Reset your password",
            fr ? "Pour choisir un nouveau mot de passe, ouvrez ce lien. Si vous n'avez rien demandé, ignorez ce message :"
               : "To choose a new password, open this link. If you did not ask for this, ignore this message:",
            link, ct);
    }

    /// <summary>
    /// Someone signed up with the address of an existing account: the sign-up answered as if it worked, and the owner
    /// hears of it here instead, with the way back in if it was them.
    /// </summary>
    public Task QueueSignUpAttemptAsync(User owner, string baseUrl, CancellationToken ct = default)
    {
        var fr = owner.Locale == "fr";
        var root = baseUrl.TrimEnd('/');
        return QueueAsync(owner, fr ? "Quelqu'un a voulu s'inscrire avec votre adresse" : "Someone tried to sign up with your address",
            fr ? $"Quelqu'un a essayé de créer un compte avec votre adresse e-mail, qui a déjà un compte. Si c'était vous, connectez-vous ({root}/account/sign-in) ou choisissez un nouveau mot de passe avec ce lien. Sinon, ignorez ce message : votre compte n'a pas changé."
               : $"Someone tried to create an account with your e-mail address, which already has one. If it was you, sign in ({root}/account/sign-in) or choose a new password with this link. If it was not you, ignore this message: nothing changed in your account.",
            root + "/account/forgot-password", ct);
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

    public static string Encode(string token) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private Task SendAsync(User user, string subject, string intro, string link, CancellationToken ct)
    {
        var (text, html) = Bodies(intro, link);
        return sender.SendAsync(user.Email!, subject, text, html, ct);
    }

    private async Task QueueAsync(User user, string subject, string intro, string link, CancellationToken ct)
    {
        var (text, html) = Bodies(intro, link);
        queue.Add(user.Email!, subject, text, html);
        await db.SaveChangesAsync(ct);
    }

    private static (string Text, string Html) Bodies(string intro, string link) =>
        ($"{intro}\n\n{link}\n", $"<p>{WebUtility.HtmlEncode(intro)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>");
}
