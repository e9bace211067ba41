namespace Kindred.Core.Digests;

/// <summary>What one member's digest says, section by section; each list is already cut to its limit.</summary>
/// <param name="GroupPostsTotal">How many new posts there were in the member's groups (counted up to a cap), so the
/// mail can say "and N more".</param>
public sealed record DigestContent(
    IReadOnlyList<DigestPost> GroupPosts,
    int GroupPostsTotal,
    IReadOnlyList<DigestPost> Mentions,
    IReadOnlyList<DigestNewMember> NewMembers,
    IReadOnlyList<DigestPost> Popular)
{
    /// <summary>Open requests for help near the recipient that they may see (ADR 31).</summary>
    public IReadOnlyList<DigestAid> AidRequests { get; init; } = [];

    /// <summary>Nothing to say: no mail is sent.</summary>
    public bool IsEmpty => Items == 0;

    public int Items => GroupPosts.Count + Mentions.Count + NewMembers.Count + Popular.Count + AidRequests.Count;
}
