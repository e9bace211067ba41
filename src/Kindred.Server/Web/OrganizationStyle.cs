using System.Globalization;
using Kindred.Core.Common;

namespace Kindred.Server.Web;

/// <summary>
/// /organization.css: the organization's colours as the site's CSS variables (ADR 55). A file, not an inline style,
/// because the CSP allows styles from this server only. Its address carries the settings' version, so a browser
/// keeps it until the colours change and fetches the new one at once after.
/// </summary>
public static class OrganizationStyle
{
    public const string Route = "/organization.css";

    public static string Path(int version) => Route + "?v=" + version.ToString(CultureInfo.InvariantCulture);

    public static IEndpointRouteBuilder MapOrganizationStyle(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, async (HttpContext context, OrganizationSettings settings) =>
        {
            var organization = await settings.GetAsync(context.RequestAborted);
            // The colours were checked as #rrggbb when saved, so nothing else can reach the style sheet.
            var css = ":root {"
                + (organization.AccentColor is { } accent ? $" --accent: {accent};" : "")
                + (organization.LinkColor is { } link ? $" --link: {link};" : "")
                + " }\n";
            var current = context.Request.Query["v"].ToString() == organization.Version.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = current ? "public, max-age=31536000, immutable" : "no-cache";
            return Results.Text(css, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
        return app;
    }
}
