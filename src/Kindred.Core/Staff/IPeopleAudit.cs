using Kindred.Core.Common;

namespace Kindred.Core.Staff;

/// <summary>
/// Where every view of the people list, its CSV and a supporter page is recorded (issue 15: "every view of the people
/// list and supporter pages is in the audit log"). <see cref="AuditedPeopleAudit"/> writes the entries (ADR 56, 59);
/// tests replace it to count calls.
/// Called by <see cref="PeopleQueries"/> only after the viewer passed the access check, once per view.
/// </summary>
public interface IPeopleAudit
{
    Task PeopleListViewedAsync(long staffId, PeopleFilter filter, CancellationToken ct = default);

    Task PeopleExportedAsync(long staffId, PeopleFilter filter, int rows, CancellationToken ct = default);

    Task SupporterViewedAsync(long staffId, long accountId, CancellationToken ct = default);
}
