using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>One node of a multi-node install: the real server on the shared PostgreSQL database and Redis (ADR 93).</summary>
public sealed class MultiNodeApp : KindredApp
{
    private readonly bool first;

    public MultiNodeApp(string connectionString, string redis, bool first) : base(DatabaseKind.Postgres)
    {
        this.first = first;
        Set("Kindred:Database:ConnectionString", connectionString);
        Set("Kindred:Redis:ConnectionString", redis);
        // Low enough to reach in a test; every node has the same, as an operator's configuration would.
        Set("Kindred:RateLimits:SignUpPerIp", MultiNodes.SignUpLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Only the first node runs the first-run setup; the others find it done in the shared database.</summary>
    protected override bool CompleteSetup => first;
}
