using Kindred.Core.Setup;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kindred.Server.Hosting;

/// <summary>Once Kestrel listens, says in one line where to open Kindred: the setup page on a new server, the home page
/// afterwards. The address is the one Kestrel bound, so it is right whichever setting chose it (ADR 53).</summary>
public sealed class ReadyLine(IHostApplicationLifetime lifetime, IServer server, IServiceScopeFactory scopes, ILoggerFactory loggers) : IHostedService
{
    // A short category, so that the line reads well in plain console output.
    private readonly ILogger logger = loggers.CreateLogger("Kindred");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AnnounceAsync()
    {
        // The test server has no addresses; there is nobody to tell.
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var complete = await scope.ServiceProvider.GetRequiredService<SetupService>().IsCompleteAsync(lifetime.ApplicationStopping);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Kindred is ready at {Address}", Browsable(address) + (complete ? "/" : "/setup"));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping before the line was written.
        }
        catch (Exception e)
        {
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning(e, "Kindred is listening at {Address}, but the database did not answer", Browsable(address));
            }
        }
    }

    /// <summary>A wildcard host (<c>http://[::]:8080</c>, <c>http://+:80</c>) is not an address a browser can open.</summary>
    public static string Browsable(string address)
    {
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "[::]" or "::" or "0.0.0.0")
        {
            uri.Host = "localhost";
        }
        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
