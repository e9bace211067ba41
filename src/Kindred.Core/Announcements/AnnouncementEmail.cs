using System.Net;
using System.Text;
using Kindred.Core.Common;

namespace Kindred.Core.Announcements;

/// <summary>
/// An announcement as a mail, in English or French by the member's locale: the announcement's safe HTML (the same
/// Markdown subset as on the site) and its plain text, a link to the site and the unsubscribe link. Plain on purpose,
/// like the digest (ADR 25): no images, scripts or styles.
/// </summary>
public static class AnnouncementEmail
{
    public static (string Subject, string Text, string Html) Render(string markdown, string organization, string locale, string baseUrl, string unsubscribeUrl)
    {
        var french = locale.StartsWith("fr", StringComparison.OrdinalIgnoreCase);
        var subject = french ? $"Annonce de {organization}" : $"Announcement from {organization}";
        var stop = french ? "Ne plus recevoir les annonces par e-mail :" : "Stop announcements by e-mail:";
        var visit = french ? "Sur le site :" : "On the site:";
        var body = SafeHtml.RenderMarkdown(markdown);

        var text = new StringBuilder()
            .Append(SafeHtml.PlainText(body)).Append("\n\n")
            .Append(visit).Append(' ').Append(baseUrl).Append("/\n\n")
            .Append("-- \n").Append(stop).Append(' ').Append(unsubscribeUrl).Append('\n');
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(french ? "fr" : "en").Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject)).Append("</title></head><body>")
            .Append(body)
            .Append("<p>").Append(Encode(visit)).Append(" <a href=\"").Append(Encode(baseUrl + "/")).Append("\">").Append(Encode(baseUrl + "/")).Append("</a></p>")
            .Append("<hr><p>").Append(Encode(stop)).Append(" <a href=\"").Append(Encode(unsubscribeUrl)).Append("\">").Append(Encode(unsubscribeUrl)).Append("</a></p>")
            .Append("</body></html>");
        return (subject, text.ToString(), html.ToString());
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
