using Kindred.Core.Common;
using Kindred.Core.Streaming;

namespace Kindred.Server.Hosting;

public static class StreamingSetup
{
    /// <summary>The stream hub (one process for now, ADR 16), the after-commit publisher and the stream rules.</summary>
    public static IServiceCollection AddKindredStreaming(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StreamingOptions>().Bind(configuration.GetSection(StreamingOptions.Section));
        services.AddSingleton<IStreamHub, InProcessStreamHub>();
        services.AddSingleton<AfterCommitPublisher>();
        services.AddScoped<StreamQueries>();
        return services;
    }
}
