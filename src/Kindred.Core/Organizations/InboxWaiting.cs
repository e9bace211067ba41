using Kindred.Data.Entities;

namespace Kindred.Core.Organizations;

/// <summary>The one rule of what waits in the staff inbox (ADR 66), for the inbox and the staff console's count: open
/// conversations, and snoozed ones whose time has come. A snooze ends by the clock, so no job has to wake it.</summary>
public static class InboxWaiting
{
    public static IQueryable<InboxConversation> Waiting(this IQueryable<InboxConversation> conversations, DateTime now) =>
        conversations.Where(c => c.State == InboxState.Open || (c.State == InboxState.Snoozed && c.SnoozedUntil <= now));

    public static IQueryable<InboxConversation> NotWaiting(this IQueryable<InboxConversation> conversations, DateTime now) =>
        conversations.Where(c => c.State == InboxState.Answered || c.State == InboxState.Done || (c.State == InboxState.Snoozed && c.SnoozedUntil > now));
}
