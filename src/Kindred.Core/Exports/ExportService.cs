using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Core.Organizations;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Exports;

/// <summary>
/// A member's copies of their own data (ADR 69): asking writes the row and its <see cref="ExportJob"/> in one
/// SaveChanges; the job writes the ZIP to the media store under exports/ (ADR 98), so any node can serve it; only its owner
/// may open it, until it expires.
/// </summary>
public sealed class ExportService(KindredDbContext db, JobQueue jobs, TimeProvider time, IMediaStore store)
{
    /// <summary>How long a finished export stays downloadable: the organization's retention setting (ADR 70), 7 days
    /// unless an admin changed it on /admin/retention.</summary>
    public async Task<TimeSpan> KeepAsync(CancellationToken ct = default) =>
        TimeSpan.FromDays(Retention.Of(await db.Organizations.AsNoTracking().FirstOrDefaultAsync(ct)).ExportDays);

    /// <summary>One export a day: building one reads everything the member has, and the last one is still there.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Asks for a new export. <paramref name="baseUrl"/> is the server's address for the links inside the
    /// archive and in the e-mail (the job runs outside any request).</summary>
    public async Task<DataExport> RequestAsync(long accountId, string baseUrl, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var since = now - Interval;
        if (await db.DataExports.AnyAsync(e => e.AccountId == accountId && e.RequestedAt > since, ct))
        {
            throw KindredException.RateLimited(null, "You can ask for one export a day. Try again tomorrow.");
        }
        var export = new DataExport { Id = Snowflake.NewId(now), AccountId = accountId, RequestedAt = now, ExpiresAt = now + await KeepAsync(ct) };
        db.DataExports.Add(export);
        jobs.Add(ExportJob.Name, new ExportRequest(export.Id, baseUrl));
        await db.SaveChangesAsync(ct);
        return export;
    }

    /// <summary>The member's exports that have not expired, newest first.</summary>
    public async Task<IReadOnlyList<DataExport>> ListAsync(long accountId, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        return await db.DataExports.AsNoTracking().Where(e => e.AccountId == accountId && e.ExpiresAt > now)
            .OrderByDescending(e => e.RequestedAt).ToListAsync(ct);
    }

    /// <summary>A finished export of <paramref name="accountId"/>, opened for reading (the caller disposes it); not found
    /// for anyone else's, for one still being built and for an expired one (the link in the e-mail stops working with it).</summary>
    public async Task<MediaObject> OpenAsync(long accountId, long exportId, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var export = await db.DataExports.AsNoTracking()
            .FirstOrDefaultAsync(e => e.Id == exportId && e.AccountId == accountId && e.ExpiresAt > now && e.File != null, ct);
        return export?.File is { } file && await store.OpenAsync(Key(file), ct) is { } opened ? opened : throw KindredException.NotFound();
    }

    /// <summary>The name a job writes an export under (the row's File); named by its id, so a second run of the job
    /// replaces the first.</summary>
    internal static string FileName(long exportId) => exportId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".zip";

    /// <summary>The media-store key of an export file name: {DataDirectory}/exports/{name} in the local folder.</summary>
    internal static string Key(string fileName) => MediaKeys.ExportsPrefix + fileName;
}
