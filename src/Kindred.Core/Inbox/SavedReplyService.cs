using Kindred.Core.Common;
using Kindred.Core.Staff;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Inbox;

/// <summary>The staff's shared saved replies (ADR 66): any staff member writes, edits or deletes them.</summary>
public sealed class SavedReplyService(KindredDbContext db, TimeProvider time)
{
    public const int MaxTitle = 100;
    public const int MaxText = 5_000;
    public const int MaxReplies = 200;

    public async Task<IReadOnlyList<SavedReply>> ListAsync(long? viewerId, CancellationToken ct = default)
    {
        await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        return await db.SavedReplies.AsNoTracking().OrderBy(r => r.Title).ThenBy(r => r.Id).ToListAsync(ct);
    }

    public async Task<SavedReply> CreateAsync(long? viewerId, string? title, string? text, CancellationToken ct = default)
    {
        var viewer = await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var (t, body) = Validate(title, text);
        if (await db.SavedReplies.CountAsync(ct) >= MaxReplies)
        {
            throw KindredException.Invalid($"There can be at most {MaxReplies} saved replies.");
        }
        var now = time.UtcNow();
        var reply = new SavedReply { Id = Snowflake.NewId(now), Title = t, Text = body, AuthorId = viewer.Id, CreatedAt = now };
        db.SavedReplies.Add(reply);
        await db.SaveChangesAsync(ct);
        return reply;
    }

    public async Task<SavedReply> UpdateAsync(long? viewerId, long id, string? title, string? text, CancellationToken ct = default)
    {
        await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var (t, body) = Validate(title, text);
        var reply = await db.SavedReplies.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw KindredException.NotFound("No such saved reply.");
        reply.Title = t;
        reply.Text = body;
        reply.EditedAt = time.UtcNow();
        await db.SaveChangesAsync(ct);
        return reply;
    }

    public async Task DeleteAsync(long? viewerId, long id, CancellationToken ct = default)
    {
        await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        if (await db.SavedReplies.Where(r => r.Id == id).ExecuteDeleteAsync(ct) == 0)
        {
            throw KindredException.NotFound("No such saved reply.");
        }
    }

    private static (string Title, string Text) Validate(string? title, string? text)
    {
        var t = title?.Trim() ?? "";
        var body = text?.Trim() ?? "";
        if (t.Length is 0 or > MaxTitle)
        {
            throw KindredException.Invalid("title", $"Give the saved reply a title of at most {MaxTitle} characters.");
        }
        if (body.Length is 0 or > MaxText)
        {
            throw KindredException.Invalid("text", $"Write the saved reply, at most {MaxText} characters.");
        }
        return (t, body);
    }
}
