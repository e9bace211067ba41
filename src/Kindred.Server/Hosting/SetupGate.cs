using Kindred.Core.Setup;

namespace Kindred.Server.Hosting;

/// <summary>Until setup is done, every page leads to /setup and the API answers 503; afterwards /setup is closed.</summary>
public static class SetupGate
{
    private static readonly string[] OpenPrefixes = ["/health", "/css", "/js", "/img", "/_framework", "/favicon", "/not-found", "/error"];

    public static IApplicationBuilder UseSetupGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var state = context.RequestServices.GetRequiredService<SetupState>();
        var complete = state.IsComplete || await context.RequestServices.GetRequiredService<SetupService>().IsCompleteAsync(context.RequestAborted);
        var isSetupPage = path.StartsWithSegments("/setup");
        if (!complete && !isSetupPage && !OpenPrefixes.Any(p => path.StartsWithSegments(p)))
        {
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/oauth") || path.StartsWithSegments("/.well-known") || path.StartsWithSegments("/nodeinfo"))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsJsonAsync(new { error = "This server is not set up yet." });
                return;
            }
            context.Response.Redirect("/setup");
            return;
        }
        if (complete && isSetupPage)
        {
            context.Response.Redirect("/");
            return;
        }
        await next(context);
    });
}
