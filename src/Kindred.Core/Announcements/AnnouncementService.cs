using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Announcements;

/// <summary>
/// Writes announcements (staff) and members' answers to them: dismissing and reacting (ADR 61). Staff rights are read
/// from the database on every call. Sending by e-mail enqueues the first batch job in the same SaveChanges that marks
/// the announcement as mailed, so it is mailed once or not at all.
/// </summary>
public sealed class AnnouncementService(KindredDbContext db, TimeProvider time, JobQueue jobs, AnnouncementTokens tokens, AuditLog audit, IStreamHub hub)
{
    public const int MaxText = 5000;

    public async Task<Announcement> CreateAsync(long staffId, AnnouncementInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await AnnouncementQueries.RequireStaffAsync(db, staffId, ct);
        var text = Check(input);
        var now = time.UtcNow();
        var announcement = new Announcement
        {
            Id = Snowflake.NewId(now),
            Text = text,
            StartsAt = input.StartsAt,
            EndsAt = input.EndsAt,
            AllDay = input.AllDay,
            AuthorId = staffId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Announcements.Add(announcement);
        audit.Add(staffId, AuditActions.AnnouncementCreate, AuditTarget.Announcement(announcement.Id), "Wrote an announcement.", after: text);
        await db.SaveChangesAsync(ct);
        return announcement;
    }

    public async Task<Announcement> UpdateAsync(long staffId, long id, AnnouncementInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var announcement = await FindForStaffAsync(staffId, id, ct);
        var before = announcement.Text;
        announcement.Text = Check(input);
        announcement.StartsAt = input.StartsAt;
        announcement.EndsAt = input.EndsAt;
        announcement.AllDay = input.AllDay;
        announcement.UpdatedAt = time.UtcNow();
        audit.Add(staffId, AuditActions.AnnouncementUpdate, AuditTarget.Announcement(id), "Changed an announcement.", before, announcement.Text);
        if (announcement.PublishedAt is not null)
        {
            await AnnouncementStreamJob.AddAsync(jobs, announcement, announcement.UpdatedAt, ct);
        }
        await db.SaveChangesAsync(ct);
        return announcement;
    }

    /// <summary>Makes it visible to members (from its start, until its end). Publishing again changes nothing.</summary>
    public async Task PublishAsync(long staffId, long id, CancellationToken ct = default)
    {
        var announcement = await FindForStaffAsync(staffId, id, ct);
        if (announcement.PublishedAt is null)
        {
            announcement.PublishedAt = time.UtcNow();
            announcement.UpdatedAt = announcement.PublishedAt.Value;
            audit.Add(staffId, AuditActions.AnnouncementPublish, AuditTarget.Announcement(id), "Published an announcement.");
            await AnnouncementStreamJob.AddAsync(jobs, announcement, announcement.UpdatedAt, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Back to a draft: hidden from members, and a mailing still in progress stops at its next batch.</summary>
    public async Task UnpublishAsync(long staffId, long id, CancellationToken ct = default)
    {
        var announcement = await FindForStaffAsync(staffId, id, ct);
        if (announcement.PublishedAt is not null)
        {
            announcement.PublishedAt = null;
            announcement.UpdatedAt = time.UtcNow();
            audit.Add(staffId, AuditActions.AnnouncementUnpublish, AuditTarget.Announcement(id), "Took an announcement back to a draft.");
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Deletes it with its dismissals and reactions (cascade); a mailing in progress stops.</summary>
    public async Task DeleteAsync(long staffId, long id, CancellationToken ct = default)
    {
        var announcement = await FindForStaffAsync(staffId, id, ct);
        db.Announcements.Remove(announcement);
        audit.Add(staffId, AuditActions.AnnouncementDelete, AuditTarget.Announcement(id), "Deleted an announcement.", before: announcement.Text);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sends a published announcement by e-mail to <paramref name="audience"/>, once: Conflict when it was already sent.
    /// The mail goes out from its start (now when it has started) through <see cref="AnnouncementMailJob"/>.
    /// </summary>
    public async Task EmailAsync(long staffId, long id, AnnouncementAudience audience, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var announcement = await FindForStaffAsync(staffId, id, ct);
        await CheckAsync(audience, ct);
        audience = await audience.ResolveAsync(db, staffId, time.UtcNow(), ct);
        if (announcement.PublishedAt is null)
        {
            throw KindredException.Invalid("Publish the announcement before sending it by e-mail.");
        }
        if (announcement.EmailedAt is not null)
        {
            throw KindredException.Conflict("This announcement was already sent by e-mail.");
        }
        var now = time.UtcNow();
        if (announcement.EndsAt is { } end && end <= now)
        {
            throw KindredException.Invalid("This announcement has ended.");
        }
        announcement.EmailedAt = now;
        var runAt = announcement.StartsAt is { } start && start > now ? start : now;
        await jobs.AddOnceAsync(AnnouncementMailJob.Name, AnnouncementMailJob.BatchKey(announcement.Id, 0),
            new AnnouncementMailBatch(announcement.Id, audience, 0), runAt, ct);
        audit.Add(staffId, AuditActions.AnnouncementEmail, AuditTarget.Announcement(id), "Sent an announcement by e-mail.", after: Describe(audience));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Marks it read for the member: its banner no longer shows. Dismissing twice is fine.</summary>
    public async Task DismissAsync(long accountId, long id, CancellationToken ct = default)
    {
        var announcement = await ShowingAsync(id, ct);
        if (await db.AnnouncementDismissals.AnyAsync(d => d.AnnouncementId == announcement && d.AccountId == accountId, ct))
        {
            return;
        }
        db.AnnouncementDismissals.Add(new AnnouncementDismissal { AnnouncementId = announcement, AccountId = accountId, CreatedAt = time.UtcNow() });
        await SaveIgnoringDuplicateAsync(ct);
    }

    /// <summary>Adds the member's reaction <paramref name="name"/> (one emoji); adding it again changes nothing.</summary>
    public async Task ReactAsync(long accountId, long id, string? name, CancellationToken ct = default)
    {
        var announcement = await ShowingAsync(id, ct);
        if (!AnnouncementReactions.IsEmoji(name))
        {
            throw KindredException.Invalid("name", "Validation failed: Name is not a recognized emoji");
        }
        if (await db.AnnouncementReactions.AnyAsync(r => r.AnnouncementId == announcement && r.AccountId == accountId && r.Name == name, ct))
        {
            return;
        }
        var names = await db.AnnouncementReactions.Where(r => r.AnnouncementId == announcement).Select(r => r.Name).Distinct().ToListAsync(ct);
        if (!names.Contains(name!, StringComparer.Ordinal) && names.Count >= AnnouncementReactions.MaxDistinct)
        {
            throw KindredException.Invalid("name", "Validation failed: Maximum number of reactions reached");
        }
        db.AnnouncementReactions.Add(new AnnouncementReaction { AnnouncementId = announcement, AccountId = accountId, Name = name!, CreatedAt = time.UtcNow() });
        await SaveIgnoringDuplicateAsync(ct);
    }

    /// <summary>Takes the member's reaction back; NotFound when they had none by that name.</summary>
    public async Task UnreactAsync(long accountId, long id, string? name, CancellationToken ct = default)
    {
        var announcement = await ShowingAsync(id, ct);
        var removed = await db.AnnouncementReactions.Where(r => r.AnnouncementId == announcement && r.AccountId == accountId && r.Name == name)
            .ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            throw KindredException.NotFound();
        }
        // A bulk delete passes no change tracker, so the after-commit publisher would not see it (ADR 76).
        hub.Publish(StreamEvent.AnnouncementReaction(announcement, name!));
    }

    /// <summary>Whether the member gets announcements by e-mail (their own settings).</summary>
    public async Task SetEmailsAsync(long userId, bool on, CancellationToken ct = default) =>
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.AnnouncementEmailsOff, !on), ct);

    /// <summary>The one-click unsubscribe: turns announcement e-mails off for the member the token names. False (and
    /// nothing changed) when the token is not valid or names nobody.</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken ct = default) =>
        tokens.Read(token) is { } userId
        && await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.AnnouncementEmailsOff, true), ct) == 1;

    /// <summary>Whether a token is valid and names a member, changing nothing (the confirm page's check).</summary>
    public async Task<bool> IsValidTokenAsync(string? token, CancellationToken ct = default) =>
        tokens.Read(token) is { } userId && await db.Users.AnyAsync(u => u.Id == userId, ct);

    private async Task<long> ShowingAsync(long id, CancellationToken ct) =>
        await AnnouncementQueries.Showing(db.Announcements, time.UtcNow()).Where(a => a.Id == id).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct)
            ?? throw KindredException.NotFound();

    private async Task<Announcement> FindForStaffAsync(long staffId, long id, CancellationToken ct)
    {
        await AnnouncementQueries.RequireStaffAsync(db, staffId, ct);
        return await db.Announcements.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw KindredException.NotFound();
    }

    private async Task CheckAsync(AnnouncementAudience audience, CancellationToken ct)
    {
        switch (audience.Kind)
        {
            case AnnouncementAudienceKind.Everyone:
                return;
            case AnnouncementAudienceKind.Groups:
                var ids = audience.GroupIds.Distinct().ToList();
                if (ids.Count == 0 || ids.Count > AnnouncementAudience.MaxChoices)
                {
                    throw KindredException.Invalid("group_ids", "Choose at least one group.");
                }
                if (await db.Groups.CountAsync(g => ids.Contains(g.Id), ct) != ids.Count)
                {
                    throw KindredException.Invalid("group_ids", "One of the chosen groups does not exist.");
                }
                return;
            case AnnouncementAudienceKind.Roles:
                if (audience.Roles.Count == 0 || audience.Roles.Any(r => !Enum.IsDefined(r)))
                {
                    throw KindredException.Invalid("roles", "Choose at least one role.");
                }
                return;
            case AnnouncementAudienceKind.People:
                // Read and checked by AnnouncementAudience.ResolveAsync, with the sender's sight.
                return;
            default:
                throw KindredException.Invalid("audience", "Choose who gets the e-mail.");
        }
    }

    // The audience as the log shows it: its kind and the ids or roles chosen.
    private static string Describe(AnnouncementAudience audience) => audience.Kind switch
    {
        AnnouncementAudienceKind.Groups => "groups: " + string.Join(", ", audience.GroupIds),
        AnnouncementAudienceKind.Roles => "roles: " + string.Join(", ", audience.Roles),
        // The people-list filter as the people list's own audit entries write it (ADR 59, 76).
        AnnouncementAudienceKind.People when audience.People is { } people => "people: " + (people with { MaxId = null, Limit = 0 }),
        _ => "everyone",
    };

    private static string Check(AnnouncementInput input)
    {
        var text = input.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw KindredException.Invalid("text", "Write the announcement.");
        }
        if (text.Length > MaxText)
        {
            throw KindredException.Invalid("text", $"An announcement is at most {MaxText} characters.");
        }
        if (input.AllDay && (input.StartsAt is null || input.EndsAt is null))
        {
            throw KindredException.Invalid("starts_at", "An all-day announcement needs a first and a last day.");
        }
        if (input.StartsAt is { } start && input.EndsAt is { } end && end <= start)
        {
            throw KindredException.Invalid("ends_at", "The end must come after the start.");
        }
        return text;
    }

    /// <summary>Two requests of the same member at once (a double click) both pass the check; the key refuses one.</summary>
    private async Task SaveIgnoringDuplicateAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}
