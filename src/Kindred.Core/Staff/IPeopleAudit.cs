namespace Kindred.Core.Staff;

/// <summary>
/// Where every view of the people list, its CSV and a supporter page is recorded (issue 15: "every view of the people
/// list and supporter pages is in the audit log"). The seam exists because the audit log is built beside this change:
/// <see cref="LoggedPeopleAudit"/> writes a log line until the audit service implements this interface (ADR 59).
/// Called by <see cref="PeopleQueries"/> only after the viewer passed the access check, once per view.
/// </summary>
public interface IPeopleAudit
{
    Task PeopleListViewedAsync(long staffId, PeopleFilter filter, CancellationToken ct = default);

    Task PeopleExportedAsync(long staffId, PeopleFilter filter, int rows, CancellationToken ct = default);

    Task SupporterViewedAsync(long staffId, long accountId, CancellationToken ct = default);
}
