namespace Kindred.Core.Announcements;

/// <summary>The "Kindred:Announcements" section (README).</summary>
public sealed class AnnouncementsOptions
{
    public const string Section = "Kindred:Announcements";

    /// <summary>Members mailed per batch job: each batch queues this many mails and the next batch in one transaction.</summary>
    public int MailBatchSize { get; set; } = 200;
}
