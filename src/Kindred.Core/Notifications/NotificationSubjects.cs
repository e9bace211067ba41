using Kindred.Data.Entities;

namespace Kindred.Core.Notifications;

/// <summary>
/// What a page of notifications names, loaded in one batch: the senders (the newest few of each group too), the authors
/// of the statuses (for their addresses), the words of the statuses the member may still read and has not filtered
/// away, the groups and events the member may still see, the titles of the aid items, the aid conversation between
/// the member and each sender about an aid item (keyed by item and responder), and, for a moderator only, who each
/// report is about.
/// </summary>
public sealed record NotificationSubjects(
    IReadOnlyDictionary<long, Account> Senders,
    IReadOnlyDictionary<long, string> StatusAuthors,
    IReadOnlyDictionary<long, StatusExcerpt> Excerpts,
    IReadOnlyDictionary<long, Group> Groups,
    IReadOnlyDictionary<long, Event> Events,
    IReadOnlyDictionary<long, string> AidTitles,
    IReadOnlyDictionary<(long ItemId, long ResponderId), long> AidConversations,
    IReadOnlyDictionary<long, string> ReportTargets);
