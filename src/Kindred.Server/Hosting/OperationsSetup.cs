using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kindred.Server.Hosting;

public static class OperationsSetup
{
    /// <summary>Health checks, structured logs, OpenTelemetry (exporting only when an endpoint is configured) and graceful shutdown.</summary>
    public static WebApplicationBuilder AddKindredOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddDbContextCheck<KindredDbContext>("database", tags: ["ready"]);
        if (builder.Configuration["Logging:Console:FormatterName"] is null)
        {
            if (builder.Environment.IsDevelopment())
            {
                // `dotnet run` (launchSettings.json): one plain line per message, the ready line instead of the host's four.
                builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
                builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
            }
            else
            {
                builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
            }
        }
        // Data protection keys are kept in the database (SecuritySetup) like everything else worth protecting there; the
        // framework warns at each new key that it stores them unencrypted, which on this design is always true (ADR 53).
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        builder.Services.AddHostedService<ReadyLine>();
        var endpoint = builder.Configuration["Kindred:Telemetry:OtlpEndpoint"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("kindred", serviceVersion: "0.1.0"))
            .WithTracing(t => t.AddAspNetCoreInstrumentation())
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"));
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            telemetry.WithTracing(t => t.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint)))
                .WithMetrics(m => m.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint)));
        }
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        return builder;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).ExcludeFromDescription();
        return app;
    }
}
