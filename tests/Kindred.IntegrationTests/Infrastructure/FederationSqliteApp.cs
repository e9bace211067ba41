namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>SQLite with federation's development mode on, so the server may fetch keys from a loopback peer.</summary>
public sealed class FederationSqliteApp : KindredApp
{
    public FederationSqliteApp()
        : base(DatabaseKind.Sqlite) => Set("Kindred:Federation:DevelopmentMode", "true");
}
