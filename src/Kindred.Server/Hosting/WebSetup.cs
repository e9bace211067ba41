using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Server.ActivityPub;
using Kindred.Server.KindredApi.Rendering;
using Kindred.Server.Mastodon.OAuth;
using Kindred.Server.Mastodon.Rendering;
using Microsoft.AspNetCore.Localization;

namespace Kindred.Server.Hosting;

public static class WebSetup
{
    public static readonly CultureInfo[] Cultures = [.. Languages.Supported.Select(CultureInfo.GetCultureInfo)];

    /// <summary>Blazor static server rendering, localization and the renderers the front doors share.</summary>
    public static WebApplicationBuilder AddKindredWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // `dotnet run` from the source tree serves wwwroot and its pre-compressed copies through the build's
        // static-web-assets manifest; without this, a non-Development run answers compressed requests with
        // empty bodies. A published app has no such manifest and is unaffected.
        builder.WebHost.UseStaticWebAssets();
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = "kindred-lang" },
                new CustomRequestCultureProvider(context =>
                {
                    var locale = context.User.FindFirst("kindred:locale")?.Value;
                    return Task.FromResult(locale is null ? null : new ProviderCultureResult(locale));
                }),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Kindred API";
            document.Info.Version = "0.1.0";
            document.Info.Description = "The Mastodon-compatible client API (OAuth 2 at /oauth/authorize and /oauth/token, " +
                "bearer tokens from POST /api/v1/apps) and Kindred's extensions. Errors are {\"error\": \"…\"}; 422s name the field in details.";
            return Task.CompletedTask;
        }));
        services.AddScoped<AccountRenderer>();
        services.AddScoped<CustomEmojiRenderer>();
        services.AddScoped<StatusRenderer>();
        services.AddScoped<ScheduledStatusRenderer>();
        services.AddScoped<EventRenderer>();
        services.AddScoped<GroupRenderer>();
        services.AddScoped<AidRenderer>();
        services.AddScoped<ConversationRenderer>();
        services.AddScoped<MediaRenderer>();
        services.AddScoped<NotificationRenderer>();
        services.AddScoped<NotificationGroupRenderer>();
        services.AddScoped<ReportRenderer>();
        services.AddScoped<AdminRenderer>();
        services.AddScoped<InvitationRenderer>();
        services.AddScoped<AidResponseRenderer>();
        services.AddScoped<Web.Shared.DbGate>();
        services.AddScoped<Web.Shared.ViewerTimes>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<ActorRenderer>();
        services.AddScoped<NoteRenderer>();
        services.AddScoped<EventObjectRenderer>();
        // Only the web renders Notes, so only a web process runs the job that delivers statuses (ADR 102).
        services.AddJobHandler<StatusDeliveryJob>();
        services.AddJobHandler<EventDeliveryJob>();
        services.AddJobHandler<ProfileDeliveryJob>();
        return builder;
    }

    /// <summary>The middleware order matters: proxies first, then errors, the setup gate, static files, authentication, limits.</summary>
    public static WebApplication UseKindredPipeline(this WebApplication app)
    {
        RecurrenceProblems.Logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RecurrenceProblems));
        app.UseForwardedHeaders();
        app.UseHeadAsGet();
        // Before routing: a profile, post or group address asked for as ActivityStreams goes to the federation endpoint.
        app.UseActivityPubNegotiation();
        // Routing is placed here, after HEAD has become GET, rather than first as WebApplication would place it.
        app.UseRouting();
        app.UseKindredErrors();
        app.UseWebSockets();
        app.UseSecurityHeaders();
        // Blazor does not wait for the components of a status-code page it renders by re-executing the request (ADR 64):
        // their queries would outlive the request's DbContext. The request ends once none holds or awaits the DbGate.
        app.Use(async (context, next) =>
        {
            // Taken before the request runs: a server that is stopping may have disposed the request's services by the end.
            var gate = context.RequestServices.GetRequiredService<Web.Shared.DbGate>();
            try
            {
                await next(context);
            }
            finally
            {
                await gate.WhenIdleAsync();
            }
        });
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseSetupGate();
        // Where the static-file middleware served {DataDirectory}/media before: now from the media store (ADR 98).
        app.UseMediaFiles();
        app.UseMiddleware<JsonFormBody>();
        app.UseFormPreloadForRateLimits();
        app.UseAuthentication();
        // After authentication, so a signed-in member's language (a claim in the cookie) can choose the culture.
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<PageQueryCheck>();
        return app;
    }
}
