using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Nodes;

namespace Kindred.Server.Hosting.Nodes;

public static class NodesSetup
{
    /// <summary>
    /// This server's node number (ADR 93): <c>Kindred:NodeId</c> when set, else a lease from the database when Redis is
    /// set (several nodes), else node 0 with nothing to do (the single process, as before). And Redis in
    /// <c>/health/ready</c>.
    /// </summary>
    public static WebApplicationBuilder AddKindredNodes(this WebApplicationBuilder builder)
    {
        var kindred = builder.Configuration.GetSection(KindredOptions.Section).Get<KindredOptions>() ?? new KindredOptions();
        var redis = !string.IsNullOrWhiteSpace(kindred.Redis.ConnectionString);
        if (kindred.NodeId is { } fixedNode)
        {
            if (fixedNode is < 1 or > SnowflakeGenerator.MaxNode)
            {
                throw new InvalidOperationException($"Kindred:NodeId is 1 to {SnowflakeGenerator.MaxNode} (0 is the command line's).");
            }
            Snowflake.TryUse(SnowflakeGenerator.Fixed(fixedNode));
        }
        else if (redis)
        {
            builder.Services.AddSingleton<NodeLeaseService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeLeaseService>());
        }
        if (redis)
        {
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }
        return builder;
    }
}
