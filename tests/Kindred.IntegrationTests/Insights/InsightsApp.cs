using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Insights;

/// <summary>An app whose job runner leaves funder reports alone, so a test sees one "being prepared" and then runs its
/// job itself.</summary>
public class InsightsApp : KindredApp
{
    protected InsightsApp(DatabaseKind database)
        : base(database) => Set("Kindred:Jobs:Paused", "mail,insights.report");
}

public sealed class InsightsSqliteApp() : InsightsApp(DatabaseKind.Sqlite);

public sealed class InsightsPostgresApp() : InsightsApp(DatabaseKind.Postgres);
