using Kindred.Data.Entities;

namespace Kindred.Core.Accounts;

/// <summary>The one place that says which role may do what. Web policies, API checks and the CLI all ask here.</summary>
public static class Roles
{
    public const string ClaimType = "kindred:role";

    public static bool CanAdminister(UserRole role) => role is UserRole.Owner or UserRole.Admin;

    public static bool CanModerate(UserRole role) => role is UserRole.Owner or UserRole.Admin or UserRole.Moderator;

    /// <summary>Who may start a group: anyone, or only staff and moderators when <c>Kindred:Groups:StaffOnlyCreation</c> is set.</summary>
    public static bool MayCreateGroups(UserRole role, bool staffOnlyCreation) => !staffOnlyCreation || IsStaff(role) || CanModerate(role);

    /// <summary>Who may organize an event outside any group: anyone when members may organize events, else staff and moderators.</summary>
    public static bool MayOrganizeEvents(UserRole role, bool membersMayCreate) => membersMayCreate || IsStaff(role) || CanModerate(role);

    public static bool IsStaff(UserRole role) => role is UserRole.Owner or UserRole.Admin or UserRole.Staff;

    /// <summary>Staff and moderators may always invite; members when the operator lets them (Kindred:Invitations:MembersMayInvite).</summary>
    public static bool CanInvite(UserRole role, bool membersMayInvite) => membersMayInvite || role != UserRole.Member;

    /// <summary>Who brought whom is for the organization's staff, like the rest of its view of supporters.</summary>
    public static bool CanSeeReferrals(UserRole role) => IsStaff(role);

    /// <summary>Vetting helpers records checks the organization made (ADR 31): staff, admins and the owner, not moderators.</summary>
    public static bool CanVetHelpers(UserRole role) => IsStaff(role);

    /// <summary>Safeguarding leads see every sensitive item, so only admins and the owner appoint them (ADR 31).</summary>
    public static bool CanAppointSafeguardingLeads(UserRole role) => CanAdminister(role);

    /// <summary>The aid figures are the organization's view of how help flows, like referrals (ADR 31).</summary>
    public static bool CanSeeAidFigures(UserRole role) => IsStaff(role);

    /// <summary>Deciding applications to join is the admins' and the owner's (the applications page); they are also the
    /// ones told of a new application (ADR 59).</summary>
    public static bool CanDecideApplications(UserRole role) => CanAdminister(role);

    /// <summary>The people list, the supporter view, staff notes and tags: the organization's staff, not moderators (ADR 59).</summary>
    public static bool CanSeePeople(UserRole role) => IsStaff(role);

    /// <summary>Announcements speak for the organization to every member (ADR 61): staff, admins and the owner.</summary>
    public static bool MayAnnounce(UserRole role) => IsStaff(role);

    /// <summary>The insights and the funder report are the organization's view of its community: staff, admins and the
    /// owner (ADR 57).</summary>
    public static bool CanSeeInsights(UserRole role) => IsStaff(role);

    /// <summary>Speaking as the organization's own account (posting, boosting, answering, apps granted "act as"):
    /// staff, admins and the owner, like announcements; moderators keep order but do not speak for it (ADR 65).</summary>
    public static bool MayActAsOrganization(UserRole role) => IsStaff(role);

    /// <summary>Only the owner may make or unmake admins and owners; admins manage everyone below them.</summary>
    public static bool CanAssign(UserRole actor, UserRole from, UserRole to) =>
        actor == UserRole.Owner || (actor == UserRole.Admin && from < UserRole.Admin && to < UserRole.Admin);

    /// <summary>Whether going from <paramref name="from"/> to <paramref name="to"/> takes away anything the member
    /// could do: such a change ends all of the member's sessions and tokens (ADR 44), which carry the old role.</summary>
    public static bool Loses(UserRole from, UserRole to) =>
        (IsStaff(from) && !IsStaff(to)) || (CanModerate(from) && !CanModerate(to))
        || (CanAdminister(from) && !CanAdminister(to)) || (from == UserRole.Owner && to != UserRole.Owner);

    /// <summary>Moderators and above suspend members below them; nobody suspends an owner or themselves through this.</summary>
    public static bool CanSuspend(UserRole actor, UserRole target) =>
        CanModerate(actor) && target != UserRole.Owner && (actor == UserRole.Owner || target < actor);

    public static string Name(UserRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out UserRole role) =>
        Enum.TryParse(value, ignoreCase: true, out role) && Enum.IsDefined(role);
}
