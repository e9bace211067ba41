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

    /// <summary>
    /// Unread direct messages and followers-only mentions from people the recipient does not follow: counted, never
    /// quoted, because a mail leaves the server (ADR 47).
    /// </summary>
    public int PrivateMessages { get; init; }

    /// <summary>Events in the next days the recipient may see: their own answers first, then their groups' events.</summary>
    public IReadOnlyList<DigestEvent> Events { get; init; } = [];

    /// <summary>Nothing to say: no mail is sent. Events coming up alone do not make a digest: they would repeat
    /// the same dates in every daily mail of a quiet week.</summary>
    public bool IsEmpty => Items == 0;

    public int Items => GroupPosts.Count + Mentions.Count + NewMembers.Count + Popular.Count + AidRequests.Count + (PrivateMessages > 0 ? 1 : 0);
}
