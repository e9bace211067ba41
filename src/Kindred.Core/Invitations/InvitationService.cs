using System.Security.Cryptography;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Invitations;

/// <summary>Invitation codes: created by admins (UI and CLI) for invite-only servers, remembered on every sign-up.</summary>
public sealed class InvitationService(KindredDbContext db, TimeProvider time)
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public async Task<Invitation> CreateAsync(long? createdById, NewInvitation request, CancellationToken ct = default)
    {
        if (request.MaxUses is < 1 or > 10_000)
        {
            throw KindredException.Invalid("maxUses", "An invitation can be used from 1 to 10,000 times, or without limit.");
        }
        if (request.ExpiresIn is { } span && (span < TimeSpan.FromMinutes(30) || span > TimeSpan.FromDays(365)))
        {
            throw KindredException.Invalid("expiresIn", "An invitation lasts from 30 minutes to a year, or forever.");
        }
        var note = (request.Note ?? "").Trim();
        if (note.Length > 500)
        {
            throw KindredException.Invalid("note", "The note has at most 500 characters.");
        }
        var now = time.UtcNow();
        var invitation = new Invitation
        {
            Id = Snowflake.NewId(now),
            Code = RandomNumberGenerator.GetString(Alphabet, 12),
            CreatedById = createdById,
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            Note = note,
            MaxUses = request.MaxUses,
            ExpiresAt = request.ExpiresIn is { } expires ? now + expires : null,
            CreatedAt = now,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        return invitation;
    }

    public async Task<IReadOnlyList<Invitation>> ListAsync(long? createdById, CancellationToken ct = default)
    {
        var query = db.Invitations.AsNoTracking();
        if (createdById is { } id)
        {
            query = query.Where(i => i.CreatedById == id);
        }
        return await query.OrderByDescending(i => i.Id).Take(200).ToListAsync(ct);
    }

    public async Task<Invitation?> FindUsableAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 64)
        {
            return null;
        }
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code.Trim(), ct);
        return invitation is not null && invitation.IsUsable(time.UtcNow()) ? invitation : null;
    }

    public async Task RevokeAsync(long id, CancellationToken ct = default)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id, ct)
            ?? throw KindredException.NotFound("No such invitation.");
        invitation.Revoked = true;
        await db.SaveChangesAsync(ct);
    }
}
