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
    public const string SignInPath = "/account/sign-in";

    /// <param name="groupName">The group a "remove from a group" strike names (ADR 74); the member was in it, so naming
    /// it tells them nothing new.</param>
    public void Add(User member, Strike strike, string baseUrl, string? groupName = null)
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
            StrikeAction.RemoveFromGroup => fr
                ? ("Retiré(e) d'un groupe par les modérateurs", $"Les modérateurs vous ont retiré(e) du groupe « {groupName} » et vous ne pouvez plus le rejoindre. Si cette décision est annulée, vous pourrez le rejoindre à nouveau, mais vous n'y serez pas réinscrit(e) automatiquement. Lisez pourquoi ici :")
                : ("Removed from a group by the moderators", $"The moderators removed you from the group \"{groupName}\" and you cannot join it again. If this decision is withdrawn you may join it again, but you are not added back automatically. Read why here:"),
            _ => fr
                ? ("Votre compte est suspendu", "Les modérateurs ont suspendu votre compte : vous ne pouvez plus vous connecter, et votre profil et vos publications sont cachés. Vos données sont conservées. Pour lire la décision et faire appel, saisissez votre nom et votre mot de passe sur la page de connexion :")
                : ("Your account is suspended", "The moderators suspended your account: you can no longer sign in, and your profile and posts are hidden. Your data is kept. To read the decision and appeal it, enter your name and password on the sign-in page:"),
        };
        // A suspended member reads the decision through the sign-in page (ADR 71), which opens nothing else.
        var link = strike.Action == StrikeAction.Suspend ? root + SignInPath : root + WarningsPath;
        Send(member, subject, body, link);
    }

    /// <summary>The member's appeal was decided (ADR 71): a notification, and a mail that says only whether the decision
    /// stands and where to read the reply (the reply itself is on the member's page, as the strike's words are).</summary>
    public void AddAppealDecision(User member, Strike strike, Appeal appeal, string baseUrl)
    {
        notify.AddRegardless(appeal.DecidedAt ?? strike.CreatedAt, NotificationTypes.ModerationWarning, member.Id, member.Id, new NotificationAbout());
        if (!member.EmailConfirmed || string.IsNullOrEmpty(member.Email))
        {
            return;
        }
        var fr = member.Locale == "fr";
        var suspension = strike.Action == StrikeAction.Suspend;
        var (subject, body) = (appeal.Approved, suspension) switch
        {
            (true, true) => fr
                ? ("Votre appel est accepté", "Les modérateurs ont accepté votre appel : la suspension est levée et vous pouvez vous connecter à nouveau ici :")
                : ("Your appeal was approved", "The moderators approved your appeal: the suspension is lifted and you can sign in again here:"),
            (true, false) => fr
                ? ("Votre appel est accepté", "Les modérateurs ont accepté votre appel et retiré leur décision. Lisez-la ici :")
                : ("Your appeal was approved", "The moderators approved your appeal and withdrew their decision. Read it here:"),
            (false, true) => fr
                ? ("Votre appel est rejeté", "Les modérateurs ont rejeté votre appel : la suspension reste. Pour lire leur réponse, saisissez votre nom et votre mot de passe sur la page de connexion :")
                : ("Your appeal was rejected", "The moderators rejected your appeal: the suspension stays. To read their reply, enter your name and password on the sign-in page:"),
            _ => fr
                ? ("Votre appel est rejeté", "Les modérateurs ont rejeté votre appel : leur décision reste. Lisez leur réponse ici :")
                : ("Your appeal was rejected", "The moderators rejected your appeal: their decision stays. Read their reply here:"),
        };
        Send(member, subject, body, baseUrl.TrimEnd('/') + (suspension ? SignInPath : WarningsPath));
    }

    private void Send(User member, string subject, string body, string link) =>
        mail.Add(member.Email!, subject, $"{body}\n\n{link}\n",
            $"<p>{WebUtility.HtmlEncode(body)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>");
}
