using Kindred.Data.Entities;

namespace Kindred.Core.Notifications;

/// <summary>
/// What a page of notifications names, loaded in one batch: the senders, the authors of the statuses (for their
/// addresses), the groups and events the member may still see, and the aid conversation between the member and each
/// sender about an aid item (keyed by item and responder).
/// </summary>
public sealed record NotificationSubjects(
    IReadOnlyDictionary<long, Account> Senders,
    IReadOnlyDictionary<long, string> StatusAuthors,
    IReadOnlyDictionary<long, Group> Groups,
    IReadOnlyDictionary<long, Event> Events,
    IReadOnlyDictionary<(long ItemId, long ResponderId), long> AidConversations);
