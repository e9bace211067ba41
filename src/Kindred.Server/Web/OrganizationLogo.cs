using System.Globalization;
using Kindred.Core.Common;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Web;

/// <summary>
/// The organization's logo in the header and as the favicon (ADR 90). The logo is the organization account's picture
/// (ADR 55), uploaded on the organization settings page through the media pipeline; until one is uploaded,
/// <c>Kindred:Organization:LogoPath</c> may name an image file. /favicon.ico answers with the logo, else Kindred's own
/// icon, so browsers asking for it never get a 404.
/// </summary>
public static class OrganizationLogo
{
    public const string Route = "/organization/logo";
    public const string FaviconRoute = "/favicon.ico";
    public const string DefaultIcon = "/img/kindred-icon.png";

    /// <summary>Where the header's logo is, or null when there is none; the settings' version makes a new one load at once.</summary>
    public static string? Path(OrganizationSnapshot organization, KindredOptions options) =>
        organization.LogoFile is { } file ? "/media/" + file
        : ConfiguredFile(options) is not null ? Route + "?v=" + organization.Version.ToString(CultureInfo.InvariantCulture)
        : null;

    /// <summary>The favicon's address for the page's &lt;link rel="icon"&gt;.</summary>
    public static string FaviconPath(OrganizationSnapshot organization) =>
        FaviconRoute + "?v=" + organization.Version.ToString(CultureInfo.InvariantCulture);

    public static IEndpointRouteBuilder MapOrganizationLogo(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, async (HttpContext context, OrganizationSettings settings, IOptions<KindredOptions> options) =>
            await LogoAsync(context, settings, options.Value) ?? Results.NotFound()).ExcludeFromDescription();
        app.MapGet(FaviconRoute, async (HttpContext context, OrganizationSettings settings, IOptions<KindredOptions> options) =>
        {
            if (await LogoAsync(context, settings, options.Value) is { } logo)
            {
                return logo;
            }
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Redirect(DefaultIcon);
        }).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult?> LogoAsync(HttpContext context, OrganizationSettings settings, KindredOptions options)
    {
        var organization = await settings.GetAsync(context.RequestAborted);
        // No-cache: the logo can change at any time and each answer is small; browsers revalidate.
        context.Response.Headers.CacheControl = "no-cache";
        if (organization.LogoFile is { } file)
        {
            return Results.Redirect("/media/" + file);
        }
        if (ConfiguredFile(options) is { } path)
        {
            var type = new FileExtensionContentTypeProvider().TryGetContentType(path, out var known) && known.StartsWith("image/", StringComparison.Ordinal)
                ? known : "application/octet-stream";
            return Results.File(path, type);
        }
        return null;
    }

    /// <summary>The configured logo's full path when it names an existing file, else null.</summary>
    private static string? ConfiguredFile(KindredOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Organization.LogoPath))
        {
            return null;
        }
        var path = System.IO.Path.GetFullPath(options.Organization.LogoPath);
        return File.Exists(path) ? path : null;
    }
}
