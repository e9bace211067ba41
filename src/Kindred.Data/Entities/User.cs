using Microsoft.AspNetCore.Identity;

namespace Kindred.Data.Entities;

public enum UserRole
{
    Member = 0,
    Staff = 1,
    Moderator = 2,
    Admin = 3,
    Owner = 4,
}

public enum UserStatus
{
    Active = 0,
    /// <summary>Signed up in approval mode and waiting for an admin.</summary>
    Pending = 1,
    Rejected = 2,
    Disabled = 3,
}

/// <summary>The sign-in side of a local account; shares its id with <see cref="Account"/>.</summary>
public class User : IdentityUser<long>
{
    public Account Account { get; set; } = null!;
    public UserRole Role { get; set; }
    public UserStatus Status { get; set; }
    public string? ApplicationText { get; set; }
    public string Locale { get; set; } = "en";
    public long? InvitedById { get; set; }
    public long? InvitationId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }

    /// <summary>When the member put away the first-week checklist on their home page (ADR 91); null while it shows.</summary>
    public DateTime? ChecklistDismissedAt { get; set; }

    /// <summary>How often the digest e-mail comes (ADR 25); weekly unless the member chose otherwise.</summary>
    public DigestFrequency DigestFrequency { get; set; }

    /// <summary>When the next digest is due; null until the digest job first schedules it (or while digests are off).</summary>
    public DateTime? DigestDueAt { get; set; }

    /// <summary>The end of the last period a digest was claimed for: the next digest starts here.</summary>
    public DateTime? DigestSentThrough { get; set; }

    /// <summary>An IANA time zone id (e.g. Europe/Paris) so digests arrive in the local morning; null means UTC.</summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// A safeguarding lead (ADR 27) sees sensitive aid items and escalated aid conversations — never ordinary private
    /// messages. Independent of <see cref="Role"/>: a lead need not be a moderator, nor a moderator a lead.
    /// </summary>
    public bool IsSafeguardingLead { get; set; }

    /// <summary>The member said no to announcements by e-mail (settings or the mail's one-click unsubscribe). False, so
    /// members hear from the organization unless they opt out, as with digests (ADR 61).</summary>
    public bool AnnouncementEmailsOff { get; set; }

    /// <summary>The kinds of instant e-mail the member turned off (ADR 82); none, so all come, unless they chose otherwise
    /// in settings or with a mail's one-click unsubscribe.</summary>
    public InstantEmailKinds InstantEmailsOff { get; set; }

    /// <summary>Notifications created up to here have been looked at for instant e-mail; null until the first look.</summary>
    public DateTime? InstantEmailSentThrough { get; set; }

    /// <summary>The secret in the member's personal calendar feed URL (ADR 28); null until made, replaced to revoke.</summary>
    public string? CalendarFeedToken { get; set; }

    /// <summary>When the account is to be deleted (ADR 70): set by the member on /settings/delete, or by a moderator
    /// for a suspended account; signing in before then clears it. Null when no deletion is scheduled.</summary>
    public DateTime? DeletionDueAt { get; set; }

    /// <summary>The address the member signed up from (ADR 73), for moderators; null for accounts made by setup, an
    /// admin or the command line, and once the sign-up IP retention has passed.</summary>
    public string? SignUpIp { get; set; }

    /// <summary>Posting defaults (Mastodon's preferences and verify_credentials source, ADR 80): what a new post gets when
    /// the app does not say. Null until the member chooses: then apps post public (as on Mastodon) and the web composer
    /// offers members-only, as they did before there was a choice. The language is null until the member chooses one.</summary>
    public Audience? PostingVisibility { get; set; }
    public bool PostingSensitive { get; set; }
    public string? PostingLanguage { get; set; }

    /// <summary>Reading preferences apps honour (Mastodon's reading:expand:media and reading:expand:spoilers).</summary>
    public MediaExpansion ExpandMedia { get; set; }
    public bool ExpandSpoilers { get; set; }
}
