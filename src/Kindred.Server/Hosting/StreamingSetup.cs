using Kindred.Core.Common;
using Kindred.Core.Streaming;
using Kindred.Server.Hosting.Nodes;

namespace Kindred.Server.Hosting;

public static class StreamingSetup
{
    public const string RedisKey = "Kindred:Redis:ConnectionString";

    /// <summary>
    /// The stream hub (ADR 16): this process's alone, or relayed through Redis to every node when
    /// <c>Kindred:Redis:ConnectionString</c> is set (ADR 93; the command line relays too, so its revocations reach the
    /// servers); the after-commit publisher and the stream rules.
    /// </summary>
    public static IServiceCollection AddKindredStreaming(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StreamingOptions>().Bind(configuration.GetSection(StreamingOptions.Section));
        if (configuration[RedisKey] is { Length: > 0 } redis)
        {
            services.AddSingleton(_ => RedisConnection.Connect(redis));
            services.AddSingleton<IStreamHub, RedisStreamHub>();
        }
        else
        {
            services.AddSingleton<IStreamHub, InProcessStreamHub>();
        }
        services.AddSingleton<AfterCommitPublisher>();
        services.AddScoped<StreamQueries>();
        return services;
    }
}
