using System.Net;
using Kindred.Core.Jobs;
using Kindred.Core.Notifications;
using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>
/// Tells a member of a moderator's action (ADR 67): a <c>moderation_warning</c> notification (Mastodon's name) and a
/// mail in their language, both added to the action's unit of work. The notification comes "from" the member, so the
/// moderator is never named. The mail says what kind of action it was and where to read it; it quotes neither the
/// moderator's words nor the posts (ADR 47: a mail is forwarded and kept), which the member reads on their page.
/// </summary>
public sealed class StrikeNotices(Notify notify, MailJob mail)
{
    public const string WarningsPath = "/settings/warnings";

    public void Add(User member, Strike strike, string baseUrl)
    {
        notify.AddRegardless(strike.CreatedAt, NotificationTypes.ModerationWarning, member.Id, member.Id, new NotificationAbout());
        if (!member.EmailConfirmed || string.IsNullOrEmpty(member.Email))
        {
            return;
        }
        var fr = member.Locale == "fr";
        var root = baseUrl.TrimEnd('/');
        var (subject, body) = strike.Action switch
        {
            StrikeAction.Warn => fr
                ? ("Un avertissement des modérateurs", "Les modérateurs vous ont adressé un avertissement. Lisez-le, avec la règle concernée, ici :")
                : ("A warning from the moderators", "The moderators sent you a warning. Read it, with the rule it concerns, here:"),
            StrikeAction.RemoveStatuses => fr
                ? ("Des publications retirées par les modérateurs", "Les modérateurs ont retiré des publications de votre compte. Lisez pourquoi ici :")
                : ("Posts removed by the moderators", "The moderators removed posts of your account. Read why here:"),
            StrikeAction.MarkSensitive => fr
                ? ("Des publications marquées sensibles", "Les modérateurs ont marqué des publications de votre compte comme sensibles. Lisez pourquoi ici :")
                : ("Posts marked as sensitive", "The moderators marked posts of your account as sensitive. Read why here:"),
            StrikeAction.Limit => fr
                ? ("Votre compte est limité", "Les modérateurs ont limité votre compte : vos publications ne sont plus vues que par vos abonnés et les personnes que vous suivez. Lisez pourquoi ici :")
                : ("Your account is limited", "The moderators limited your account: only your followers and the people you follow see your posts now. Read why here:"),
            _ => fr
                ? ("Votre compte est suspendu", "Les modérateurs ont suspendu votre compte : vous ne pouvez plus vous connecter, et votre profil et vos publications sont cachés. Vos données sont conservées. Pour toute question, contactez l'organisation via son site :")
                : ("Your account is suspended", "The moderators suspended your account: you can no longer sign in, and your profile and posts are hidden. Your data is kept. If you have questions, contact the organization through its site:"),
        };
        var link = strike.Action == StrikeAction.Suspend ? root + "/" : root + WarningsPath;
        mail.Add(member.Email, subject, $"{body}\n\n{link}\n",
            $"<p>{WebUtility.HtmlEncode(body)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>");
    }
}
