using Kindred.Data.Entities;

namespace Kindred.Core.Staff;

/// <summary>
/// The organization's relationship with one member, for staff (ADR 59). Built only from what the viewing staff member
/// may see anyway (groups, events and posts through their visibility rules), aid as counts of non-sensitive items only.
/// </summary>
public sealed record SupporterView(
    SupporterView.Person Member,
    SupporterView.Arrival Came,
    SupporterView.Invitees Invited,
    IReadOnlyList<SupporterView.GroupLine> Groups,
    SupporterView.EventFigures Events,
    SupporterView.Posts Writing,
    SupporterView.AidCounts Aid,
    SupporterView.Consent Contact,
    StaffRecord Notes)
{
    /// <param name="Area">Null when the member keeps the area to themselves.</param>
    public sealed record Person(long Id, string Username, string DisplayName, UserRole Role, UserStatus Status, DateTime JoinedAt, DateTime? ApprovedAt, DateTime? LastActiveAt, string? Area);

    /// <summary>How they came: through an invitation (whose, and whether staff made it), an application, or open sign-up.</summary>
    public sealed record Arrival(bool ByInvitation, string? InvitedBy, bool InvitedByStaff, string? InvitationNote, bool ByApplication);

    /// <param name="StillActive">Of those invited, how many were active in the last <see cref="SupporterQueries.ActiveDays"/> days.</param>
    public sealed record Invitees(int Count, int StillActive, IReadOnlyList<PersonRow> Shown);

    public sealed record GroupLine(string Name, string Slug, string? ParentName, GroupRole Role, DateTime JoinedAt);

    public sealed record EventLine(long EventId, string Title, DateTime StartsAt, RsvpResponse Response, bool Attended);

    public sealed record EventFigures(int Answered, int Going, int Attended, IReadOnlyList<EventLine> Recent);

    /// <param name="Community">Posts anyone in the community may read (public, unlisted, members-only).</param>
    /// <param name="WithYou">Private messages between the member and the viewing staff member, never anyone else's.</param>
    public sealed record Posts(int CommunityCount, IReadOnlyList<PostLine> Community, int WithYouCount, IReadOnlyList<PostLine> WithYou);

    public sealed record PostLine(long Id, DateTime CreatedAt, string Text, bool FromMember);

    /// <summary>Counts of non-sensitive items only: a sensitive request is never shown or counted per person here.</summary>
    public sealed record AidCounts(int Requests, int Offers, int Answers, int Fulfilled);

    /// <param name="EmailConfirmed">Whether mail can reach them at all.</param>
    public sealed record Consent(DigestFrequency Digest, bool EmailConfirmed, DirectMessagePolicy DirectMessages);
}
