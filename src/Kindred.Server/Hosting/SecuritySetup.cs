using Kindred.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;

namespace Kindred.Server.Hosting;

public static class SecuritySetup
{
    /// <summary>Forwarded headers, shared data-protection keys, antiforgery and rate limits.</summary>
    public static WebApplicationBuilder AddKindredSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Trust the proxies named in Kindred:KnownProxies; loopback is trusted by default.
            foreach (var proxy in builder.Configuration.GetSection("Kindred:KnownProxies").Get<string[]>() ?? [])
            {
                if (System.Net.IPAddress.TryParse(proxy, out var address))
                {
                    o.KnownProxies.Add(address);
                }
            }
        });
        // Keys live in the database so every node behind a load balancer reads the same cookies.
        services.AddDataProtection().SetApplicationName("Kindred").PersistKeysToDbContext<KindredDbContext>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "kindred-xsrf";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.AddHttpContextAccessor();
        services.AddScoped<PublicUrls>();
        builder.AddKindredRateLimits();
        return builder;
    }

    /// <summary>Headers on every response. No inline scripts are allowed anywhere, so CSP needs no nonce.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = "geolocation=(), camera=(), microphone=()";
            if (context.Request.Path.StartsWithSegments("/api") && !headers.ContainsKey("Cache-Control")
                && (context.Request.Headers.Authorization.Count > 0 || context.User.Identity?.IsAuthenticated == true))
            {
                // A member's own JSON (timelines, messages, notifications) must not stay in a shared or browser cache.
                headers.CacheControl = "private, no-store";
            }
            if (context.Request.Path.StartsWithSegments("/api-docs"))
            {
                // The API reference (Scalar) starts itself with an inline module script and inline styles; it shows no member content.
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
            }
            else if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https:; " +
                    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
            }
            return Task.CompletedTask;
        });
        await next(context);
    });
}
