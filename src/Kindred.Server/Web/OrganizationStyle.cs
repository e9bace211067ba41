using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Organizations;

namespace Kindred.Server.Web;

/// <summary>
/// /organization.css: the organization's colours as the site's CSS variables (ADR 55). A file, not an inline style,
/// because the CSP allows styles from this server only. Its address carries the settings' version, so a browser
/// keeps it until the colours change and fetches the new one at once after. The dark scheme gets lighter mixes of the
/// colours for text (ADR 90).
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
            // The colours were checked as #rrggbb when saved, so nothing else can reach the style sheet. The dark scheme
            // writes text with a lighter mix of each that reads on its near-black (ADR 90); buttons keep the colour.
            var accent = organization.AccentColor is { } a ? BrandColors.Parse(a) : null;
            var link = organization.LinkColor is { } l ? BrandColors.Parse(l) : null;
            var css = ":root {"
                + (accent is { } a1 ? $" --accent: {BrandColors.Format(a1)}; --accent-ink: {BrandColors.Format(a1)};" : "")
                + (link is { } l1 ? $" --link: {BrandColors.Format(l1)};" : "")
                + " }\n@media (prefers-color-scheme: dark) { :root {"
                + (accent is { } a2 ? $" --accent-ink: {BrandColors.Format(BrandColors.ForDarkScheme(a2))};" : "")
                + (link is { } l2 ? $" --link: {BrandColors.Format(BrandColors.ForDarkScheme(l2))};" : "")
                + " } }\n";
            var current = context.Request.Query["v"].ToString() == organization.Version.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = current ? "public, max-age=31536000, immutable" : "no-cache";
            return Results.Text(css, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
        return app;
    }
}
