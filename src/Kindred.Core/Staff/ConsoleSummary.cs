using Kindred.Core.Events;

namespace Kindred.Core.Staff;

/// <summary>
/// What waits for one viewer on the staff console. A null part is one the viewer may not act on, and the page leaves
/// it out: an applications count shown to a moderator would say something they have no business knowing.
/// </summary>
/// <param name="Applications">Applications to decide (admins and the owner).</param>
/// <param name="OpenReports">Reports not yet resolved (moderators and above).</param>
/// <param name="Escalations">"I feel unsafe" escalations waiting for review (safeguarding leads only).</param>
/// <param name="NeedsReply">Conversations with the organization waiting in the "needs reply" inbox (ADR 66; staff).</param>
/// <param name="NewMembers">Members who joined in the last seven days, newest first (the people pages' audience).</param>
/// <param name="NewMembersCount">How many joined in the last seven days.</param>
/// <param name="UpcomingEvents">The next events the viewer may see, with their fill rate (staff).</param>
/// <param name="OpenAppeals">Appeals of strikes waiting for a decision (ADR 71; moderators and above).</param>
/// <param name="SafetyEscalations">"I feel unsafe" about a private conversation or a person, waiting for review (ADR 75;
/// safeguarding leads only).</param>
public sealed record ConsoleSummary(
    int? Applications,
    int? OpenReports,
    int? Escalations,
    int? NeedsReply,
    IReadOnlyList<PersonRow>? NewMembers,
    int? NewMembersCount,
    IReadOnlyList<EventView>? UpcomingEvents,
    int? OpenAppeals = null,
    int? SafetyEscalations = null)
{
    /// <summary>The navigation badge: the things that wait for a decision or an answer.</summary>
    public int Waiting => (Applications ?? 0) + (OpenReports ?? 0) + (Escalations ?? 0) + (NeedsReply ?? 0) + (OpenAppeals ?? 0) + (SafetyEscalations ?? 0);

    /// <summary>Going over capacity as a whole percentage, or null for an event without a limit.</summary>
    public static int? FillPercent(EventView view) =>
        view.Event.Capacity is > 0 and var capacity ? (int)Math.Round(100.0 * view.GoingCount / capacity, MidpointRounding.AwayFromZero) : null;
}
