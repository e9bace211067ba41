namespace Kindred.Data.Entities;

/// <summary>A member's list of accounts they follow, read as its own timeline (Mastodon's List). Only its owner ever
/// sees it.</summary>
public class AccountList
{
    public long Id { get; set; }

    /// <summary>The owner.</summary>
    public long AccountId { get; set; }
    public required string Title { get; set; }
    public ListRepliesPolicy RepliesPolicy { get; set; } = ListRepliesPolicy.List;

    /// <summary>Posts of the list's members stay out of the owner's home timeline.</summary>
    public bool Exclusive { get; set; }
    public DateTime CreatedAt { get; set; }
}
