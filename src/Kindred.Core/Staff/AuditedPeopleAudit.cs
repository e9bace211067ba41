using System.Globalization;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;

namespace Kindred.Core.Staff;

/// <summary>
/// The people views in the audit log (ADR 56, 59): who looked at the list, exported it or opened a supporter page, and
/// with which filter; never what the page showed. A view changes nothing else, so the entry is saved on its own.
/// </summary>
public sealed class AuditedPeopleAudit(KindredDbContext db, AuditLog audit) : IPeopleAudit
{
    public Task PeopleListViewedAsync(long staffId, PeopleFilter filter, CancellationToken ct = default) =>
        SaveAsync(staffId, AuditActions.PeopleListView, null, "Viewed the people list.", filter, ct);

    public Task PeopleExportedAsync(long staffId, PeopleFilter filter, int rows, CancellationToken ct = default) =>
        SaveAsync(staffId, AuditActions.PeopleExport, null,
            string.Create(CultureInfo.InvariantCulture, $"Downloaded the people list as CSV ({rows} rows)."), filter, ct);

    public Task SupporterViewedAsync(long staffId, long accountId, CancellationToken ct = default) =>
        SaveAsync(staffId, AuditActions.SupporterView, AuditTarget.Account(accountId), "Viewed a supporter page.", null, ct);

    private async Task SaveAsync(long staffId, string action, AuditTarget? target, string summary, PeopleFilter? filter, CancellationToken ct)
    {
        audit.Add(staffId, action, target, summary, after: filter is null ? null : Describe(filter));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The filter as staff typed it, without the paging.</summary>
    private static string Describe(PeopleFilter filter) => (filter with { MaxId = null, Limit = 0 }).ToString();
}
