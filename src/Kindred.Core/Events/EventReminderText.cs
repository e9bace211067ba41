using Kindred.Core.Common;

namespace Kindred.Core.Events;

/// <summary>
/// The words of event reminders and follow-ups in English and French, side by side as the digest's are
/// (<see cref="Digests.DigestText"/>): the core cannot read the web's resource files.
/// </summary>
public sealed class EventReminderText
{
    private EventReminderText(bool french) => French = french;

    public static EventReminderText English { get; } = new(false);

    public static EventReminderText FrenchText { get; } = new(true);

    public bool French { get; }

    public string Language => French ? "fr" : "en";

    public static EventReminderText For(string? locale) => locale == "fr" ? FrenchText : English;

    public string ReminderSubject(string title, bool soon) => French
        ? (soon ? $"Rappel : {title} commence bientôt" : $"Rappel : {title}, c'est demain")
        : (soon ? $"Reminder: {title} starts soon" : $"Reminder: {title} is tomorrow");

    public string Greeting(string name) => French ? $"Bonjour {name}," : $"Hello {name},";

    public string ReminderIntro(string title) => French
        ? $"Vous avez dit que vous viendriez à « {title} »."
        : $"You said you are going to “{title}”.";

    public string When => French ? "Quand :" : "When:";

    public string Where => French ? "Où :" : "Where:";

    public string Join => French ? "Lien pour participer :" : "Join online:";

    public string Details => French ? "Détails et discussion :" : "Details and discussion:";

    public string CantCome => French
        ? "Vous ne pouvez plus venir ? Changez votre réponse sur la page de l'événement pour libérer votre place."
        : "Can't make it any more? Change your answer on the event's page to free your place for someone else.";

    public string FollowUpSubject(string title) => French ? $"Merci d'être venu·e à {title}" : $"Thanks for coming to {title}";

    public string FollowUpIntro(string title) => French
        ? $"« {title} » est terminé. Partagez vos photos et vos impressions avec les autres participants dans la discussion de l'événement."
        : $"“{title}” is over. Share your photos and thoughts with the others who came in the event's discussion.";

    public string OrganizerSubject(string title) => French ? $"Comment s'est passé {title} ?" : $"How did {title} go?";

    public string OrganizerIntro(string title, int count) => French
        ? $"« {title} » est terminé ({count} participant·e·s inscrit·e·s). Remerciez-les, partagez les suites et notez qui est venu."
        : $"“{title}” is over ({count} said they were going). Thank them, share what happens next and note who came.";

    public string AttendeeList => French ? "Liste des participants :" : "Attendee list:";

    public string Why(string organization) => French
        ? $"Vous recevez ce message parce que vous participez à un événement de {organization}."
        : $"You get this message because you take part in an event of {organization}.";

    /// <summary>The announcement post's line for a repeating event; the rule itself is what calendars read.</summary>
    public string Repeats(string rule) => French ? $"Se répète ({rule})" : $"Repeats ({rule})";

    /// <summary>The announcement post's place line for an online event.</summary>
    public string Online => French ? "En ligne" : "Online";

    /// <summary>The start on the recipient's clock with its weekday and zone, "Tuesday, 27 October 2026, 19:00
    /// (Europe/London)"; an event held in another zone adds its own clock, "(19:00 in Montreal)".</summary>
    public string Time(DateTime utc, string eventZoneId, TimeFormat times)
    {
        var text = times.Exact(utc);
        if (!times.IsOtherZone(eventZoneId))
        {
            return text;
        }
        var there = new TimeFormat(TimeZones.Find(eventZoneId), times.Culture).Time(utc);
        var city = TimeZones.City(eventZoneId);
        return French ? $"{text}, soit {there} à {city}" : $"{text}, {there} in {city}";
    }
}
