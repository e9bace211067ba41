using System.Net;
using System.Text;
using Kindred.Core.Common;
using Kindred.Core.Common.Email;
using Kindred.Data.Entities;

namespace Kindred.Core.Invitations;

/// <summary>The invitation e-mail, in English or French, as plain text and HTML.</summary>
public sealed class InvitationEmails(EmailSender sender)
{
    public static string Link(string baseUrl, string code) => $"{baseUrl.TrimEnd('/')}/invite/{Uri.EscapeDataString(code)}";

    /// <param name="organizationZone">The invitee has no zone yet: the organization's clock and region date the expiry (ADR 84).</param>
    public Task SendAsync(string address, string locale, string inviter, string organization, string? group, Invitation invitation, string baseUrl, string? organizationZone, CancellationToken ct)
    {
        var fr = locale == "fr";
        var times = new TimeFormat(TimeZones.Find(organizationZone), TimeCultures.For(fr ? "fr" : "en", organizationZone));
        var link = Link(baseUrl, invitation.Code);
        var subject = fr ? $"{inviter} vous invite à rejoindre {organization}" : $"{inviter} invites you to join {organization}";
        var intro = group is null
            ? (fr ? $"{inviter} vous invite à rejoindre la communauté {organization}." : $"{inviter} invites you to join the {organization} community.")
            : (fr ? $"{inviter} vous invite à rejoindre la communauté {organization} et son groupe « {group} »." : $"{inviter} invites you to join the {organization} community and its group “{group}”.");
        var said = fr ? $"{inviter} vous écrit :" : $"{inviter} writes:";
        var open = fr ? "Pour accepter, ouvrez ce lien :" : "To accept, open this link:";
        var expires = invitation.ExpiresAt is { } at
            ? (fr ? $"L'invitation est valable jusqu'au {times.Date(at)}." : $"The invitation is valid until {times.Date(at)}.")
            : null;
        var ignore = fr ? "Si vous ne connaissez pas cette personne, ignorez simplement ce message." : "If you do not know this person, simply ignore this message.";

        var text = new StringBuilder().Append(intro).Append("\n\n");
        var html = new StringBuilder().Append("<p>").Append(Encode(intro)).Append("</p>");
        if (invitation.Message.Length > 0)
        {
            text.Append(said).Append('\n').Append(string.Join('\n', invitation.Message.Split('\n').Select(l => "> " + l.TrimEnd('\r')))).Append("\n\n");
            html.Append("<p>").Append(Encode(said)).Append("</p><blockquote><p>")
                .Append(string.Join("<br>", invitation.Message.Split('\n').Select(l => Encode(l.TrimEnd('\r'))))).Append("</p></blockquote>");
        }
        text.Append(open).Append('\n').Append(link).Append("\n\n");
        html.Append("<p>").Append(Encode(open)).Append("</p><p><a href=\"").Append(Encode(link)).Append("\">").Append(Encode(link)).Append("</a></p>");
        if (expires is not null)
        {
            text.Append(expires).Append('\n');
            html.Append("<p>").Append(Encode(expires)).Append("</p>");
        }
        text.Append(ignore).Append('\n');
        html.Append("<p>").Append(Encode(ignore)).Append("</p>");
        return sender.SendAsync(address, subject, text.ToString(), html.ToString(), ct);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
