using System.Security.Cryptography;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Federation;

/// <summary>
/// The key pair of each local actor (ADR 95): RSA-2048 as every fediverse server accepts, made the first time it is
/// needed and kept in <c>ActorKeys</c> with the private half protected by ASP.NET Data Protection (whose keys live in
/// the same database, so a backup restores both; an operator who moves them elsewhere keeps the protection).
/// </summary>
public sealed class ActorKeys(KindredDbContext db, IDataProtectionProvider protection, TimeProvider time)
{
    private const string Purpose = "Kindred.Federation.ActorKeys.v1";

    /// <summary>The actor's public key as PEM (SubjectPublicKeyInfo, what <c>publicKeyPem</c> carries).</summary>
    public async Task<string> PublicKeyPemAsync(ActorKind kind, long ownerId, CancellationToken ct = default) =>
        (await GetOrCreateAsync(kind, ownerId, ct)).PublicKeyPem;

    /// <summary>The actor's private key, to sign with; the caller disposes it.</summary>
    public async Task<RSA> PrivateKeyAsync(ActorKind kind, long ownerId, CancellationToken ct = default)
    {
        var row = await GetOrCreateAsync(kind, ownerId, ct);
        var rsa = RSA.Create();
        rsa.ImportFromPem(protection.CreateProtector(Purpose).Unprotect(row.ProtectedPrivateKey));
        return rsa;
    }

    private async Task<ActorKey> GetOrCreateAsync(ActorKind kind, long ownerId, CancellationToken ct)
    {
        var existing = await db.ActorKeys.AsNoTracking().FirstOrDefaultAsync(k => k.OwnerKind == kind && k.OwnerId == ownerId, ct);
        if (existing is not null)
        {
            return existing;
        }
        using var rsa = RSA.Create(2048);
        var row = new ActorKey
        {
            OwnerKind = kind,
            OwnerId = ownerId,
            PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem(),
            ProtectedPrivateKey = protection.CreateProtector(Purpose).Protect(rsa.ExportPkcs8PrivateKeyPem()),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ActorKeys.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return row;
        }
        catch (DbUpdateException)
        {
            // Another request made this actor's key at the same moment: the unique index kept theirs, so use it.
            db.Entry(row).State = EntityState.Detached;
            return await db.ActorKeys.AsNoTracking().FirstAsync(k => k.OwnerKind == kind && k.OwnerId == ownerId, ct);
        }
    }
}
