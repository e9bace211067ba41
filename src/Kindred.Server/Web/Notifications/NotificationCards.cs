using Kindred.Core.Notifications;
using Kindred.Data.Entities;
using Kindred.Server.Web.Statuses;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Notifications;

/// <summary>
/// The sentence, the words and the link of each notification type (ADR 85), spelled out type by type so the resource
/// files list every sentence and <c>NotificationsPageTests</c> can prove that no type falls through to the fallback.
/// </summary>
public static class NotificationCards
{
    /// <summary>At most this many faces on a grouped card; the sentence counts the rest.</summary>
    public const int Faces = 4;

    /// <summary>How much of a status a card quotes.</summary>
    public const int ExcerptLength = 160;

    public static NotificationCardView For(IStringLocalizer t, GroupedNotification group, NotificationSubjects subjects, long viewerId, long lastRead)
    {
        var n = group.MostRecent;
        var sender = subjects.Senders.GetValueOrDefault(n.FromAccountId);
        var name = sender is null ? "" : StatusLabels.Name(sender);
        var others = group.Count - 1;
        // Notifications "from" the member themselves (reminders, reviews, warnings, applications) picture nobody: a
        // review must not name the lead who decided, nor a warning the moderator.
        var people = n.FromAccountId == n.AccountId ? []
            : group.SampleAccountIds.Select(subjects.Senders.GetValueOrDefault).OfType<Kindred.Data.Entities.Account>().Take(Faces).ToList();
        var inGroup = n.GroupId is { } groupId ? subjects.Groups.GetValueOrDefault(groupId) : null;
        var ev = n.EventId is { } eventId ? subjects.Events.GetValueOrDefault(eventId) : null;
        var eventTitle = ev?.Title ?? "";
        var statusPath = n.StatusId is { } statusId && subjects.StatusAuthors.TryGetValue(statusId, out var author) ? $"/@{author}/{statusId}" : null;
        var profile = sender is null ? "/notifications" : "/@" + sender.Username;
        var excerpt = n.StatusId is { } sid ? subjects.Excerpts.GetValueOrDefault(sid) : null;
        var aidTitle = n.AidItemId is { } aid ? subjects.AidTitles.GetValueOrDefault(aid) : null;

        string line;
        string link;
        string linkText;
        switch (n.Type)
        {
            case NotificationTypes.Mention:
                (line, link, linkText) = (t["{0} mentioned you", name], statusPath ?? profile, t["Show post"]);
                break;
            case NotificationTypes.Status:
                (line, link, linkText) = (t["{0} posted", name], statusPath ?? profile, t["Show post"]);
                break;
            case NotificationTypes.Reblog:
                line = others switch
                {
                    0 => t["{0} boosted your post", name],
                    1 => t["{0} and one other boosted your post", name],
                    _ => t["{0} and {1} others boosted your post", name, others],
                };
                (link, linkText) = (statusPath ?? profile, t["Show post"]);
                break;
            case NotificationTypes.Favourite:
                line = others switch
                {
                    0 => t["{0} favourited your post", name],
                    1 => t["{0} and one other favourited your post", name],
                    _ => t["{0} and {1} others favourited your post", name, others],
                };
                (link, linkText) = (statusPath ?? profile, t["Show post"]);
                break;
            case NotificationTypes.Follow:
                line = others switch
                {
                    0 => t["{0} followed you", name],
                    1 => t["{0} and one other followed you", name],
                    _ => t["{0} and {1} others followed you", name, others],
                };
                (link, linkText) = (profile, t["Show profile"]);
                break;
            case NotificationTypes.FollowRequest:
                (line, link, linkText) = (t["{0} asked to follow you", name], "/settings/follow-requests", t["Answer follow requests"]);
                break;
            case NotificationTypes.Poll:
                line = n.FromAccountId == viewerId ? t["Your poll has ended"] : t["A poll you voted in has ended"];
                (link, linkText) = (statusPath ?? "/notifications", t["See the results"]);
                break;
            case NotificationTypes.Update:
                (line, link, linkText) = (t["{0} edited a post you boosted", name], statusPath ?? profile, t["Show post"]);
                break;
            case NotificationTypes.AdminReport:
                line = n.ReportId is { } reportId && subjects.ReportTargets.TryGetValue(reportId, out var target)
                    ? t["{0} reported {1}", name, target] : t["{0} filed a report", name];
                (link, linkText) = (n.ReportId is { } id ? $"/moderation/reports/{id}" : "/moderation", t["Review the report"]);
                break;
            case NotificationTypes.ApplicationWaiting:
                (line, link, linkText) = (t["Someone applied to join the community"], "/admin/applications", t["Show applications"]);
                break;
            case NotificationTypes.ModerationWarning:
                (line, link, linkText) = (t["The moderators took a decision about your account"], "/settings/warnings", t["Read the decision"]);
                break;
            case NotificationTypes.GroupRequest:
                (line, link, linkText) = (t["{0} asked to join {1}", name, inGroup?.Name ?? ""], inGroup is null ? "/groups" : $"/groups/{inGroup.Slug}/admin/requests", t["Show requests"]);
                break;
            case NotificationTypes.GroupApproval:
                (line, link, linkText) = (t["You are now a member of {0}", inGroup?.Name ?? ""], inGroup is null ? "/groups" : $"/groups/{inGroup.Slug}", t["Show group"]);
                break;
            case NotificationTypes.AidMatch:
                (line, link, linkText) = (t["{0} posted in mutual aid something you may be able to help with or use", name], AidItem(n), t["Show the request or offer"]);
                break;
            case NotificationTypes.AidResponse:
                line = others switch
                {
                    0 => t["{0} answered your request or offer", name],
                    1 => t["{0} and one other answered your request or offer", name],
                    _ => t["{0} and {1} others answered your request or offer", name, others],
                };
                (link, linkText) = (n.AidItemId is { } answered ? $"/aid/{answered}/responses" : "/aid/mine", t["Show answers"]);
                break;
            case NotificationTypes.AidAccepted:
                (line, link, linkText) = (t["{0} accepted your answer", name], AidConversation(n, subjects, viewerId), t["Show conversation"]);
                break;
            case NotificationTypes.AidMessage:
                (line, link, linkText) = (t["{0} sent you a message about a request or offer", name], AidConversation(n, subjects, viewerId), t["Show conversation"]);
                break;
            case NotificationTypes.AidThanks:
                (line, link, linkText) = (t["{0} thanked you for your help", name], AidConversation(n, subjects, viewerId), t["Show conversation"]);
                break;
            case NotificationTypes.AidReviewResumed:
                (line, link, linkText) = (t["The safeguarding team reviewed your aid conversation: it is resumed"], AidConversation(n, subjects, viewerId), t["Show conversation"]);
                break;
            case NotificationTypes.AidReviewClosed:
                (line, link, linkText) = (t["The safeguarding team reviewed your aid conversation: it is closed"], AidConversation(n, subjects, viewerId), t["Show conversation"]);
                break;
            case NotificationTypes.AidClosingSoon:
                (line, link, linkText) = (t["Your request or offer closes soon; change it to keep it open longer"], AidItem(n), t["Show the request or offer"]);
                break;
            case NotificationTypes.AidEscalation:
                (line, link, linkText) = (t["{0} said they feel unsafe in an aid conversation", name], "/safeguarding/escalations", t["Review escalations"]);
                break;
            case NotificationTypes.SafetyEscalation:
                (line, link, linkText) = (t["{0} said they feel unsafe in a private conversation or about a person", name], "/safeguarding/safety", t["Review escalations"]);
                break;
            case NotificationTypes.EventReminder:
                (line, link, linkText) = (t["Reminder: {0} is coming up", eventTitle], EventPath(ev), t["Show event"]);
                break;
            case NotificationTypes.EventUpdate:
                (line, link, linkText) = (t["{0} was changed or cancelled: check the details", eventTitle], EventPath(ev), t["Show event"]);
                break;
            case NotificationTypes.EventParticipationAccepted:
                (line, link, linkText) = (t["A place freed up: you are now going to {0}", eventTitle], EventPath(ev), t["Show event"]);
                break;
            case NotificationTypes.EventFollowUp when n.FromAccountId == n.AccountId:
                // The organizer's own follow-up leads to the attendee list (ADR 34).
                (line, link, linkText) = (t["{0} is over: thank the people who came and follow up", eventTitle], ev is null ? "/events" : $"/events/{ev.Id}/attendees", t["Show attendees"]);
                break;
            case NotificationTypes.EventFollowUp:
                (line, link, linkText) = (t["{0} is over: share your photos and thoughts", eventTitle], EventPath(ev), t["Show event"]);
                break;
            default:
                // A type this page does not know yet (NotificationsPageTests fails for every type Kindred writes).
                (line, link, linkText) = (t["{0} did something", name], profile, t["Show profile"]);
                break;
        }
        var quoted = excerpt is null ? aidTitle : excerpt.ContentWarning is null ? Shorten(excerpt.Text) : null;
        return new NotificationCardView(n.Type, people, line, quoted, excerpt?.ContentWarning, link, linkText,
            group.LatestPageNotificationAt ?? n.CreatedAt, (group.PageMaxId ?? n.Id) > lastRead);
    }

    /// <summary>The first <see cref="ExcerptLength"/> characters on one line, cut at a word with an ellipsis.</summary>
    public static string Shorten(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= ExcerptLength)
        {
            return flat;
        }
        var cut = flat.LastIndexOf(' ', ExcerptLength);
        return flat[..(cut > ExcerptLength / 2 ? cut : ExcerptLength)] + "…";
    }

    private static string AidItem(Notification n) => n.AidItemId is { } id ? $"/aid/{id}" : "/aid";

    private static string EventPath(Event? ev) => ev is null ? "/events" : $"/events/{ev.Id}";

    /// <summary>The sender is the other party: either they answered my item, or I answered theirs.</summary>
    private static string AidConversation(Notification n, NotificationSubjects subjects, long viewerId)
    {
        if (n.AidItemId is not { } itemId)
        {
            return "/aid/conversations";
        }
        var id = subjects.AidConversations.TryGetValue((itemId, n.FromAccountId), out var theirs) ? theirs
            : subjects.AidConversations.TryGetValue((itemId, viewerId), out var mine) ? mine : (long?)null;
        return id is null ? "/aid/conversations" : $"/aid/conversations/{id}";
    }
}
