using System.Globalization;
using System.Net;
using System.Text;

namespace Kindred.Core.Notifications;

/// <summary>
/// An instant e-mail (ADR 82) in English or French by the member's locale: one line per thing that happened, each with
/// its link, then the links to change the choices and to stop these mails. Plain like the digest (ADR 25, 47): no
/// images, scripts or styles, every value encoded, and nothing private quoted — only what the lines say.
/// </summary>
public static class InstantEmail
{
    public static bool IsFrench(string? locale) => locale?.StartsWith("fr", StringComparison.OrdinalIgnoreCase) == true;

    public static string Mentioned(bool french, string username) => french ? $"@{username} vous a mentionné·e" : $"@{username} mentioned you";

    public static string PrivateMessages(bool french, int count) => french
        ? count == 1 ? "Vous avez un nouveau message privé." : $"Vous avez {count.ToString(CultureInfo.InvariantCulture)} nouveaux messages privés."
        : count == 1 ? "You have a new private message." : $"You have {count.ToString(CultureInfo.InvariantCulture)} new private messages.";

    public static string AidAnswered(bool french) => french ? "Quelqu'un a répondu à votre demande ou offre d'aide." : "Someone answered your request or offer of help.";

    public static string EventChanged(bool french, string title) => french
        ? $"Un événement auquel vous allez a changé ou a été annulé : {title}"
        : $"An event you are going to changed or was cancelled: {title}";

    public static (string Subject, string Text, string Html) Render(IReadOnlyList<InstantEmailLine> lines, bool french, string organization,
        string settingsUrl, string unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var subject = french ? $"Du nouveau pour vous sur {organization}" : $"Something for you on {organization}";
        var change = french ? "Choisir ce qui arrive par e-mail :" : "Choose what comes by e-mail:";
        var stop = french ? "Ne plus recevoir ces e-mails :" : "Stop these e-mails:";
        var text = new StringBuilder();
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(french ? "fr" : "en").Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject)).Append("</title></head><body><ul>");
        foreach (var line in lines)
        {
            text.Append("- ").Append(line.Text).Append('\n').Append("  ").Append(line.Url).Append('\n');
            html.Append("<li>").Append(Encode(line.Text)).Append(" <a href=\"").Append(Encode(line.Url)).Append("\">").Append(Encode(line.Url)).Append("</a></li>");
        }
        text.Append("\n-- \n").Append(change).Append(' ').Append(settingsUrl).Append('\n').Append(stop).Append(' ').Append(unsubscribeUrl).Append('\n');
        html.Append("</ul><hr><p>").Append(Encode(change)).Append(" <a href=\"").Append(Encode(settingsUrl)).Append("\">").Append(Encode(settingsUrl)).Append("</a></p>")
            .Append("<p>").Append(Encode(stop)).Append(" <a href=\"").Append(Encode(unsubscribeUrl)).Append("\">").Append(Encode(unsubscribeUrl)).Append("</a></p>")
            .Append("</body></html>");
        return (subject, text.ToString(), html.ToString());
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
