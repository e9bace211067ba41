namespace Kindred.Data.Entities;

/// <summary>
/// A post its author asked to publish later (Mastodon's ScheduledStatus). <see cref="Params"/> keeps what the author
/// asked for as JSON, read back by the publishing job; the row goes when the post is published or the author cancels.
/// A publication that cannot happen any more (the reply target is gone, the post is refused) stays with
/// <see cref="FailedAt"/> and <see cref="Failure"/> so the author can read why on the web page.
/// </summary>
public class ScheduledStatus
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public DateTime ScheduledAt { get; set; }
    public string Params { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime? FailedAt { get; set; }
    public string? Failure { get; set; }
}
