using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>The in-memory test server has no client address; this lets a test say which address a request
/// comes from, so per-address rate limits can be tested. Registered only by the test factory.</summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-IP";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var value = context.Request.Headers[Header].ToString();
            context.Connection.RemoteIpAddress = IPAddress.TryParse(value, out var address) ? address : IPAddress.Parse("203.0.113.1");
            await nextMiddleware(context);
        });
        next(app);
    };
}
