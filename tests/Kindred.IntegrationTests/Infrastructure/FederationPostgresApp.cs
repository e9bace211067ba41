namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>PostgreSQL with federation's development mode on, so the server may fetch keys from a loopback peer.</summary>
public sealed class FederationPostgresApp : KindredApp
{
    public FederationPostgresApp()
        : base(DatabaseKind.Postgres) => Set("Kindred:Federation:DevelopmentMode", "true");
}
