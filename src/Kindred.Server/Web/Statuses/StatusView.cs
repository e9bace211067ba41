using Kindred.Data.Entities;

namespace Kindred.Server.Web.Statuses;

/// <summary>One card's worth of a post: the post itself (the original when <see cref="BoostedBy"/> is set), its
/// counts, and what the viewer has already done to it.</summary>
public sealed record StatusView(
    Status Status,
    Kindred.Data.Entities.Account? BoostedBy,
    int Replies,
    int Boosts,
    int Favourites,
    bool Favourited,
    bool Boosted,
    bool Bookmarked)
{
    /// <summary>The id used for paging: the boost's own id when this card is a boost.</summary>
    public long PageId { get; init; } = Status.Id;

    /// <summary>The post's poll as this viewer sees it, when it has one.</summary>
    public Kindred.Core.Polls.PollResult? Poll { get; init; }
    /// <summary>The post's images, in order.</summary>
    public IReadOnlyList<MediaAttachment> Media { get; init; } = [];

    /// <summary>For staff only (ADR 65): the organization's account they may boost as, and who sent this post when
    /// the organization wrote it. Null for everyone else.</summary>
    public Kindred.Core.Organizations.OrganizationIdentity? ActAs { get; init; }
    public string? SentBy { get; init; }

    /// <summary>The titles of the viewer's warning filters that match the post, shown instead of it until the
    /// viewer opens it; null when none does.</summary>
    public string? FilteredBy { get; init; }

    /// <summary>The enabled custom emojis the page's posts and authors write (ADR 82), shared by the page's cards.</summary>
    public IReadOnlyDictionary<string, CustomEmoji> Emojis { get; init; } = Empty;

    private static readonly IReadOnlyDictionary<string, CustomEmoji> Empty = new Dictionary<string, CustomEmoji>();

    public string Path => $"/@{Status.Account.Username}/{Status.Id}";
}
