using Kindred.Server.KindredApi.Models;
namespace Kindred.Server.Mastodon.Models;

/// <summary>The Status entity (Mastodon docs: entities/Status). Every documented key is written, null when empty;
/// the viewer-specific flags are null without a signed-in user.</summary>
public sealed class MastodonStatus
{
    public required string Id { get; init; }
    public required string Uri { get; init; }
    public required string CreatedAt { get; init; }
    public required MastodonAccount Account { get; init; }
    public required string Content { get; init; }

    /// <summary>Mastodon's four values; a members-only status is "unlisted" here and "members_only" in <see cref="Kindred"/> (ADR 11).</summary>
    public required string Visibility { get; init; }
    public bool Sensitive { get; init; }
    public required string SpoilerText { get; init; }
    public IReadOnlyList<MastodonMediaAttachment> MediaAttachments { get; init; } = [];
    public object? Application { get; init; }
    public required IReadOnlyList<MastodonMention> Mentions { get; init; }
    public required IReadOnlyList<MastodonStatusTag> Tags { get; init; }
    public IReadOnlyList<object> Emojis { get; init; } = [];
    public int ReblogsCount { get; init; }
    public int FavouritesCount { get; init; }
    public int RepliesCount { get; init; }
    public int QuotesCount { get; init; }
    public string? Url { get; init; }
    public string? InReplyToId { get; init; }
    public string? InReplyToAccountId { get; init; }
    public MastodonStatus? Reblog { get; init; }
    public object? Quote { get; init; }
    public required MastodonQuoteApproval QuoteApproval { get; init; }
    public object? Poll { get; init; }
    public object? Card { get; init; }
    public string? Language { get; init; }

    /// <summary>The source text; only in the answer to DELETE (for delete-and-redraft).</summary>
    public string? Text { get; init; }
    public string? EditedAt { get; init; }
    public bool? Favourited { get; init; }
    public bool? Reblogged { get; init; }
    public bool? Muted { get; init; }
    public bool? Bookmarked { get; init; }
    public bool? Pinned { get; init; }
    public IReadOnlyList<object>? Filtered { get; init; }

    /// <summary>Hometown's and GoToSocial's flag for posts that never leave the server; true for members-only.</summary>
    public bool LocalOnly { get; init; }

    /// <summary>The group the status was posted in, as Truth Social writes it; null outside groups (ADR 21).</summary>
    public MastodonGroup? Group { get; init; }
    public required KindredStatus Kindred { get; init; }

    /// <summary>Rebased's <c>pleroma</c> object, written only for event announcements (<c>pleroma.event</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public MastodonStatusPleroma? Pleroma { get; set; }
}
