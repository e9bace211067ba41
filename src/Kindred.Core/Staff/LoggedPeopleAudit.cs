using Microsoft.Extensions.Logging;

namespace Kindred.Core.Staff;

/// <summary>The people views as structured log lines: who looked at whom, never what the page showed.</summary>
public sealed partial class LoggedPeopleAudit(ILogger<LoggedPeopleAudit> logger) : IPeopleAudit
{
    public Task PeopleListViewedAsync(long staffId, PeopleFilter filter, CancellationToken ct = default)
    {
        ListViewed(logger, staffId);
        return Task.CompletedTask;
    }

    public Task PeopleExportedAsync(long staffId, PeopleFilter filter, int rows, CancellationToken ct = default)
    {
        Exported(logger, staffId, rows);
        return Task.CompletedTask;
    }

    public Task SupporterViewedAsync(long staffId, long accountId, CancellationToken ct = default)
    {
        SupporterViewed(logger, staffId, accountId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "People list viewed by {StaffId}")]
    private static partial void ListViewed(ILogger logger, long staffId);

    [LoggerMessage(Level = LogLevel.Information, Message = "People list exported by {StaffId}: {Rows} rows")]
    private static partial void Exported(ILogger logger, long staffId, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Supporter {AccountId} viewed by {StaffId}")]
    private static partial void SupporterViewed(ILogger logger, long staffId, long accountId);
}
