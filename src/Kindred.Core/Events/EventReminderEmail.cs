using System.Globalization;
using System.Net;
using System.Text;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>
/// Writes reminders and follow-ups as plain text and as HTML, plain on purpose as digests are (no images, no scripts,
/// every value encoded). Reminders go to people going, so they carry the address or the online link.
/// </summary>
public static class EventReminderEmail
{
    /// <param name="soon">The last reminder ("starts soon") rather than the day-before one.</param>
    /// <param name="times">The recipient's zone and the organization's region (ADR 84).</param>
    public static EventMail Reminder(Event ev, DateTime occurrence, bool soon, EventReminderText text, TimeFormat times, string recipientName, string organization, string baseUrl)
    {
        var mail = new Writer(text, text.ReminderSubject(ev.Title, soon));
        mail.Paragraph(text.Greeting(recipientName));
        mail.Paragraph(text.ReminderIntro(ev.Title));
        mail.Line(text.When, text.Time(occurrence, ev.TimeZone, times));
        if (EventCalendar.Location(ev, privateDetails: true) is { } where && ev.Mode == EventMode.InPerson)
        {
            mail.Line(text.Where, where);
        }
        if (ev.Mode == EventMode.Online && ev.OnlineUrl is { } online)
        {
            mail.Link(text.Join, online);
        }
        mail.Link(text.Details, EventUrl(baseUrl, ev.Id));
        mail.Paragraph(text.CantCome);
        return mail.Finish(text.Why(organization));
    }

    public static EventMail FollowUp(Event ev, EventReminderText text, string recipientName, string organization, string baseUrl)
    {
        var mail = new Writer(text, text.FollowUpSubject(ev.Title));
        mail.Paragraph(text.Greeting(recipientName));
        mail.Paragraph(text.FollowUpIntro(ev.Title));
        mail.Link(text.Details, EventUrl(baseUrl, ev.Id));
        return mail.Finish(text.Why(organization));
    }

    public static EventMail OrganizerFollowUp(Event ev, int going, EventReminderText text, string recipientName, string organization, string baseUrl)
    {
        var mail = new Writer(text, text.OrganizerSubject(ev.Title));
        mail.Paragraph(text.Greeting(recipientName));
        mail.Paragraph(text.OrganizerIntro(ev.Title, going));
        mail.Link(text.AttendeeList, AttendeesUrl(baseUrl, ev.Id));
        mail.Link(text.Details, EventUrl(baseUrl, ev.Id));
        return mail.Finish(text.Why(organization));
    }

    public static string EventUrl(string baseUrl, long eventId) => $"{baseUrl}/events/{eventId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The organizer's attendee list (events-web's page).</summary>
    public static string AttendeesUrl(string baseUrl, long eventId) => EventUrl(baseUrl, eventId) + "/attendees";

    private sealed class Writer
    {
        private readonly StringBuilder plain = new();
        private readonly StringBuilder html = new();
        private readonly string subject;

        public Writer(EventReminderText text, string subject)
        {
            this.subject = subject;
            html.Append("<!DOCTYPE html><html lang=\"").Append(text.Language).Append("\"><head><meta charset=\"utf-8\"><title>")
                .Append(Encode(subject)).Append("</title></head><body>");
        }

        public void Paragraph(string paragraph)
        {
            plain.Append(paragraph).Append("\n\n");
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>");
        }

        public void Line(string label, string value)
        {
            plain.Append(label).Append(' ').Append(value).Append("\n\n");
            html.Append("<p><strong>").Append(Encode(label)).Append("</strong> ").Append(Encode(value)).Append("</p>");
        }

        public void Link(string label, string url)
        {
            plain.Append(label).Append(' ').Append(url).Append("\n\n");
            html.Append("<p>").Append(Encode(label)).Append(" <a href=\"").Append(Encode(url)).Append("\">").Append(Encode(url)).Append("</a></p>");
        }

        public EventMail Finish(string why)
        {
            plain.Append("-- \n").Append(why).Append('\n');
            html.Append("<hr><p><small>").Append(Encode(why)).Append("</small></p></body></html>");
            return new EventMail(subject, plain.ToString(), html.ToString());
        }

        private static string Encode(string value) => WebUtility.HtmlEncode(value);
    }
}
