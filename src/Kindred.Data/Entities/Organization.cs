namespace Kindred.Data.Entities;

/// <summary>The one organization this server belongs to; there is exactly one row once setup is done.</summary>
public class Organization
{
    public int Id { get; set; } = 1;
    public required string Name { get; set; }
    /// <summary>The short description (a sentence or two): landing page, previews, the instance API.</summary>
    public string Description { get; set; } = "";
    /// <summary>The long description shown on the about page (plain text, paragraphs by blank lines).</summary>
    public string LongDescription { get; set; } = "";
    public string DefaultLanguage { get; set; } = "en";
    public string? AreaName { get; set; }
    public string ContactEmail { get; set; } = "";
    /// <summary>The organization's own account (ADR 55): its avatar is the logo, its header the banner; nobody signs in to it.</summary>
    public long? AccountId { get; set; }
    /// <summary>An IANA time zone id: the default for members who chose none and for events; null is UTC.</summary>
    public string? TimeZone { get; set; }
    /// <summary>Null until an admin chooses one: then the configured <c>Kindred:Registrations:Mode</c> applies.</summary>
    public string? RegistrationMode { get; set; }
    /// <summary>The brand colours as #rrggbb, null for Kindred's own.</summary>
    public string? AccentColor { get; set; }
    public string? LinkColor { get; set; }
    /// <summary>Markdown of the privacy policy and the terms, served at /privacy and /terms; empty when not written.</summary>
    public string PrivacyPolicy { get; set; } = "";
    public string Terms { get; set; } = "";
    /// <summary>Grows by one at every change of the settings, so every process knows its copy is old (ADR 55).</summary>
    public int Version { get; set; }
    /// <summary>How many days things are kept (ADR 70); null keeps the default documented in the README.</summary>
    public int? AidConversationRetentionDays { get; set; }
    public int? EscalationNoteRetentionDays { get; set; }
    public int? ExportRetentionDays { get; set; }
    public int? AuditRetentionDays { get; set; }
    public int? SignUpIpRetentionDays { get; set; }
    /// <summary>An admin turned trends off (ADR 80): the trends API answers empty lists. False, so trends are on by default as on Mastodon.</summary>
    public bool TrendsOff { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}
