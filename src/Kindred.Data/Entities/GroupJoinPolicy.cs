namespace Kindred.Data.Entities;

/// <summary>How someone becomes a member of a group.</summary>
public enum GroupJoinPolicy
{
    /// <summary>Anyone who may see the group joins at once (after accepting its rules).</summary>
    Open = 0,

    /// <summary>Joining files a request, with answers to the group's questions, that a group admin or moderator decides.</summary>
    Approval = 1,

    /// <summary>Only an invitation into the group lets someone in.</summary>
    InviteOnly = 2,
}
