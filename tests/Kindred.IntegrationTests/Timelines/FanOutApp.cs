using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Timelines;

/// <summary>A server whose own job runner is off, so a test decides when the home-feed fan-out job runs.</summary>
public class FanOutApp : KindredApp
{
    public FanOutApp(DatabaseKind database)
        : base(database)
    {
        Set("Kindred:Jobs:PollSeconds", "0");
    }
}

public sealed class FanOutSqliteApp() : FanOutApp(DatabaseKind.Sqlite);

public sealed class FanOutPostgresApp() : FanOutApp(DatabaseKind.Postgres);
