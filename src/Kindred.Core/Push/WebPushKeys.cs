using System.Buffers.Text;
using System.Security.Cryptography;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Push;

/// <summary>
/// The server's VAPID key pair (ADR 81), made at first start and kept in the database (<see cref="WebPushKey"/>) so
/// every node shares it. Kept in memory once read: the pair never changes, since changing it would silently break every
/// subscription browsers made against the old public key. A singleton.
/// </summary>
public sealed class WebPushKeys(TimeProvider time)
{
    private const int RowId = 1;
    private WebPushKey? known;

    public async Task<WebPushKey> GetAsync(KindredDbContext db, CancellationToken ct = default)
    {
        if (known is { } key)
        {
            return key;
        }
        var stored = await db.WebPushKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == RowId, ct);
        if (stored is null)
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
            var point = new byte[65];
            point[0] = 0x04;
            parameters.Q.X!.CopyTo(point, 1);
            parameters.Q.Y!.CopyTo(point, 33);
            var made = new WebPushKey
            {
                Id = RowId,
                PublicKey = Base64Url.EncodeToString(point),
                PrivateKey = Base64Url.EncodeToString(parameters.D!),
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            db.WebPushKeys.Add(made);
            try
            {
                await db.SaveChangesAsync(ct);
                stored = made;
            }
            catch (DbUpdateException)
            {
                // Another node made the pair first: theirs is the one.
                db.Entry(made).State = EntityState.Detached;
                stored = await db.WebPushKeys.AsNoTracking().FirstAsync(k => k.Id == RowId, ct);
            }
            db.Entry(made).State = EntityState.Detached;
        }
        known = stored;
        return stored;
    }
}
