namespace Kindred.Data.Entities;

/// <summary>
/// A member's copy of their own data (ADR 69): asked for on /settings/export, built by a job into a ZIP under
/// {DataDirectory}/exports and kept until <see cref="ExpiresAt"/>, when the retention removes the file and the row.
/// </summary>
public class DataExport
{
    public long Id { get; set; }

    /// <summary>The member; only they may download it.</summary>
    public long AccountId { get; set; }

    public DateTime RequestedAt { get; set; }

    /// <summary>When the ZIP was written; null while the job has not finished.</summary>
    public DateTime? ReadyAt { get; set; }

    /// <summary>The ZIP relative to the exports folder, named by 128 random bits; null until ready.</summary>
    public string? File { get; set; }

    public long FileSize { get; set; }

    /// <summary>After this the download link answers 404 and the retention removes file and row.</summary>
    public DateTime ExpiresAt { get; set; }
}
