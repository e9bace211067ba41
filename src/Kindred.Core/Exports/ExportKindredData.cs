using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Kindred.Core.Staff;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Exports;

/// <summary>
/// Kindred's own data about the member, one JSON file per subject under kindred/. Each query starts from the member's
/// own rows: memberships, answers to events, invitations they made, aid items they posted, their answers to others'
/// items (by id only: another member's item is theirs) and the messages they wrote, their settings (with the address
/// they signed up from), what moderators noted about them (ADR 73), and what staff noted about them (<see cref="StaffNoteQueries.AboutMemberAsync"/>, the people console's hook for this export).
/// </summary>
public sealed class ExportKindredData(KindredDbContext db, StaffNoteQueries staffNotes)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public async Task<IReadOnlyList<(string Name, JsonNode Node)>> AllAsync(long accountId, CancellationToken ct)
    {
        var groups = await db.GroupMemberships.AsNoTracking().Where(m => m.AccountId == accountId)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { group_id = g.Id, g.Slug, g.Name, m.Role, joined_at = m.CreatedAt, rules_accepted_at = m.RulesAcceptedAt })
            .OrderBy(g => g.group_id).ToListAsync(ct);
        var events = await db.EventRsvps.AsNoTracking().Where(r => r.AccountId == accountId)
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => new
            {
                event_id = e.Id,
                e.Title,
                occurrence_starts_at = r.OccurrenceStartsAt,
                r.Response,
                answer1 = r.Answer1,
                answer2 = r.Answer2,
                answer3 = r.Answer3,
                answered_at = r.CreatedAt,
                updated_at = r.UpdatedAt,
                checked_in_at = r.CheckedInAt,
            })
            .OrderBy(r => r.answered_at).ToListAsync(ct);
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.CreatedById == accountId).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Code, i.Email, i.Note, i.Message, max_uses = i.MaxUses, i.Uses, expires_at = i.ExpiresAt, created_at = i.CreatedAt, i.Revoked, group_id = i.GroupId })
            .ToListAsync(ct);
        var items = await db.AidItems.AsNoTracking().Where(i => i.AccountId == accountId)
            .Join(db.AidCategories, i => i.CategoryId, c => c.Id, (i, c) => new
            {
                i.Id,
                i.Kind,
                category = c.Slug,
                i.Title,
                i.Description,
                area_name = i.AreaName,
                starts_on = i.StartsOn,
                ends_on = i.EndsOn,
                i.Urgency,
                i.Audience,
                group_id = i.GroupId,
                i.State,
                created_at = i.CreatedAt,
                expires_at = i.ExpiresAt,
                ended_at = i.EndedAt,
            })
            .OrderBy(i => i.Id).ToListAsync(ct);
        var responses = await db.AidResponses.AsNoTracking().Where(r => r.ResponderId == accountId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, item_id = r.ItemId, r.State, created_at = r.CreatedAt, decided_at = r.DecidedAt }).ToListAsync(ct);
        var messages = await db.AidMessages.AsNoTracking().Where(m => m.AuthorId == accountId).OrderBy(m => m.Id)
            .Select(m => new { m.Id, response_id = m.ResponseId, m.Text, created_at = m.CreatedAt }).ToListAsync(ct);
        var thanks = await db.AidThanks.AsNoTracking().Where(t => t.FromAccountId == accountId).OrderBy(t => t.CreatedAt)
            .Select(t => new { response_id = t.ResponseId, t.Text, created_at = t.CreatedAt }).ToListAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == accountId).Select(u => new
        {
            u.Locale,
            time_zone = u.TimeZone,
            digest_frequency = u.DigestFrequency,
            announcement_emails_off = u.AnnouncementEmailsOff,
            u.Role,
            joined_at = u.CreatedAt,
            sign_up_ip = u.SignUpIp,
        }).FirstOrDefaultAsync(ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new
        {
            a.Locked,
            a.Discoverable,
            hide_collections = a.HideCollections,
            direct_messages = a.DirectMessages,
            mentions = a.Mentions,
            area_name = a.AreaName,
            area_visibility = a.AreaVisibility,
            tags_visibility = a.TagsVisibility,
        }).FirstAsync(ct);
        var helping = await db.AidHelperCategories.AsNoTracking().Where(h => h.AccountId == accountId)
            .Join(db.AidCategories, h => h.CategoryId, c => c.Id, (h, c) => new { category = c.Slug, radius_km = h.RadiusKm })
            .ToListAsync(ct);
        var record = await staffNotes.AboutMemberAsync(accountId, ct);
        // Moderators' notes are personal data about the member like the staff notes, so they are exported the same way,
        // with their authors' usernames (ADR 73).
        var moderatorNotes = await db.ModeratorNotes.AsNoTracking().Where(n => n.AccountId == accountId).OrderByDescending(n => n.Id)
            .Select(n => new { n.Id, n.Text, author = db.Accounts.Where(a => a.Id == n.AuthorId).Select(a => a.Username).FirstOrDefault(), created_at = n.CreatedAt })
            .ToListAsync(ct);

        return
        [
            ("groups.json", Node(new { memberships = groups })),
            ("events.json", Node(new { answers = events })),
            ("invitations.json", Node(new { invitations })),
            ("aid.json", Node(new { items, responses, messages, thanks })),
            ("settings.json", Node(new { account = user, profile = account, helping })),
            ("staff_notes.json", Node(record)),
            ("moderator_notes.json", Node(new { notes = moderatorNotes })),
        ];
    }

    private static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, Json)!;
}
