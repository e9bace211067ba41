using System.Globalization;
using System.Net;
using System.Text;
using Kindred.Core.Common;

namespace Kindred.Core.Digests;

/// <summary>
/// Writes a digest as plain text and as HTML. The HTML is plain on purpose: no images (remote images track opens and
/// most mail apps block them), no scripts, no styles beyond the mail app's own; every value is encoded.
/// </summary>
public static class DigestEmail
{
    /// <param name="baseUrl">The server's public address, without a trailing slash.</param>
    /// <param name="times">The recipient's zone and the organization's region (ADR 84); without one, UTC in the language's
    /// default region.</param>
    public static DigestMessage Render(DigestContent content, DigestText text, string recipientName, string organization, bool daily, string baseUrl, string unsubscribeUrl, TimeFormat? times = null)
    {
        times ??= new TimeFormat(TimeZoneInfo.Utc, TimeCultures.For(text.Language, null));
        var plain = new StringBuilder();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(text.Language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(text.Subject(organization, daily))).Append("</title></head><body>");

        Paragraph(plain, html, text.Greeting(recipientName));
        Paragraph(plain, html, text.Intro(daily));

        if (content.Mentions.Count > 0)
        {
            Heading(plain, html, text.MentionsHeading);
            Posts(plain, html, content.Mentions, text, baseUrl);
        }
        if (content.PrivateMessages > 0)
        {
            // Counted, never quoted: a direct or followers-only message stays on the server (ADR 47).
            var messages = baseUrl + "/notifications";
            plain.Append(text.PrivateMessages(content.PrivateMessages)).Append(' ').Append(messages).Append("\n\n");
            html.Append("<p>").Append(Encode(text.PrivateMessages(content.PrivateMessages))).Append(" <a href=\"").Append(Encode(messages)).Append("\">")
                .Append(Encode(messages)).Append("</a></p>");
        }
        if (content.Events.Count > 0)
        {
            Heading(plain, html, text.EventsHeading);
            html.Append("<ul>");
            foreach (var ev in content.Events)
            {
                var url = $"{baseUrl}/events/{ev.Id.ToString(CultureInfo.InvariantCulture)}";
                var where = ev.Online ? text.Online : ev.AreaName ?? "";
                var line = times.Brief(ev.LocalStartsAt) + (where.Length > 0 ? ", " + where : "") + (ev.Going ? " " + text.YouAnswered : "");
                plain.Append("- ").Append(ev.Title).Append(" — ").Append(line).Append('\n').Append("  ").Append(url).Append('\n');
                html.Append("<li><a href=\"").Append(Encode(url)).Append("\">").Append(Encode(ev.Title)).Append("</a> — ").Append(Encode(line)).Append("</li>");
            }
            html.Append("</ul>");
            plain.Append('\n');
        }
        if (content.GroupPosts.Count > 0)
        {
            Heading(plain, html, text.GroupsHeading);
            Posts(plain, html, content.GroupPosts, text, baseUrl);
            var more = content.GroupPostsTotal - content.GroupPosts.Count;
            if (more > 0)
            {
                Paragraph(plain, html, text.More(more));
            }
        }
        if (content.AidRequests.Count > 0)
        {
            Heading(plain, html, text.AidHeading);
            html.Append("<ul>");
            foreach (var aid in content.AidRequests)
            {
                var url = $"{baseUrl}/aid/{aid.Id.ToString(CultureInfo.InvariantCulture)}";
                var category = text.Category(aid.CategorySlug, aid.CategoryName);
                // A sensitive request is its category only: no title, no place (ADR 47). No distance for any item.
                var what = aid.Title is { } title ? $"{title} ({category})" : text.SensitiveRequest(category);
                var where = aid.Title is null ? "" : aid.AreaName ?? "";
                plain.Append("- ").Append(what).Append(where.Length > 0 ? ", " + where : "").Append('\n').Append("  ").Append(url).Append('\n');
                html.Append("<li>").Append(Encode(what)).Append(where.Length > 0 ? ", " + Encode(where) : "")
                    .Append(" <a href=\"").Append(Encode(url)).Append("\">").Append(Encode(text.Open)).Append("</a></li>");
            }
            html.Append("</ul>");
            plain.Append('\n');
        }
        if (content.NewMembers.Count > 0)
        {
            Heading(plain, html, text.NewMembersHeading);
            html.Append("<ul>");
            foreach (var member in content.NewMembers)
            {
                var url = $"{baseUrl}/@{member.Username}";
                var name = Name(member.DisplayName, member.Username);
                var where = member.AreaName is { Length: > 0 } area ? ", " + area : "";
                plain.Append("- ").Append(name).Append(" (@").Append(member.Username).Append(')').Append(where).Append('\n')
                    .Append("  ").Append(url).Append('\n');
                html.Append("<li><a href=\"").Append(Encode(url)).Append("\">").Append(Encode(name)).Append("</a> (@")
                    .Append(Encode(member.Username)).Append(')').Append(Encode(where)).Append("</li>");
            }
            html.Append("</ul>");
            plain.Append('\n');
        }
        if (content.Popular.Count > 0)
        {
            Heading(plain, html, text.PopularHeading);
            Posts(plain, html, content.Popular, text, baseUrl);
        }

        var settings = baseUrl + "/settings/account#digest";
        html.Append("<hr><p><small>").Append(Encode(text.Why(organization))).Append(' ').Append(Encode(text.ChangeFrequency))
            .Append(" <a href=\"").Append(Encode(settings)).Append("\">").Append(Encode(settings)).Append("</a><br>")
            .Append(Encode(text.Unsubscribe)).Append(" <a href=\"").Append(Encode(unsubscribeUrl)).Append("\">")
            .Append(Encode(unsubscribeUrl)).Append("</a></small></p></body></html>");
        plain.Append("-- \n").Append(text.Why(organization)).Append('\n')
            .Append(text.ChangeFrequency).Append(' ').Append(settings).Append('\n')
            .Append(text.Unsubscribe).Append(' ').Append(unsubscribeUrl).Append('\n');

        return new DigestMessage(text.Subject(organization, daily), plain.ToString(), html.ToString());
    }

    private static void Posts(StringBuilder plain, StringBuilder html, IReadOnlyList<DigestPost> posts, DigestText text, string baseUrl)
    {
        html.Append("<ul>");
        foreach (var post in posts)
        {
            var url = $"{baseUrl}/@{post.AuthorUsername}/{post.Id.ToString(CultureInfo.InvariantCulture)}";
            var who = Name(post.AuthorName, post.AuthorUsername);
            var excerpt = post.HasWarning ? text.ContentWarning(post.Excerpt) : post.Excerpt;
            plain.Append("- ").Append(who);
            html.Append("<li><strong>").Append(Encode(who)).Append("</strong>");
            if (post.GroupName is { } group)
            {
                var groupUrl = $"{baseUrl}/groups/{post.GroupSlug}";
                plain.Append(' ').Append(text.InGroup(group));
                html.Append(' ').Append(Encode(text.InGroup(""))).Append("<a href=\"").Append(Encode(groupUrl)).Append("\">")
                    .Append(Encode(group)).Append("</a>");
            }
            plain.Append(": ").Append(excerpt).Append('\n').Append("  ").Append(url).Append('\n');
            html.Append(": ").Append(Encode(excerpt)).Append(" <a href=\"").Append(Encode(url)).Append("\">").Append(Encode(text.Open)).Append("</a></li>");
        }
        html.Append("</ul>");
        plain.Append('\n');
    }

    private static void Heading(StringBuilder plain, StringBuilder html, string heading)
    {
        plain.Append(heading).Append('\n').Append(new string('=', heading.Length)).Append("\n\n");
        html.Append("<h2>").Append(Encode(heading)).Append("</h2>");
    }

    private static void Paragraph(StringBuilder plain, StringBuilder html, string paragraph)
    {
        plain.Append(paragraph).Append("\n\n");
        html.Append("<p>").Append(Encode(paragraph)).Append("</p>");
    }

    private static string Name(string displayName, string username) => string.IsNullOrWhiteSpace(displayName) ? "@" + username : displayName;

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
