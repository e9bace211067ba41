namespace Kindred.Core.Groups;

/// <summary>The "Kindred:Groups" configuration section (README table).</summary>
public sealed class GroupsOptions
{
    public const string Section = "Kindred:Groups";

    /// <summary>
    /// When true, only staff (owner, admins, moderators, staff) may create groups; by default any active member may,
    /// because a charity's volunteers start local chapters and interest groups themselves.
    /// </summary>
    public bool StaffOnlyCreation { get; set; }
}
