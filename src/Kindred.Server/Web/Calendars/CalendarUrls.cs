using Kindred.Server.Hosting;

namespace Kindred.Server.Web.Calendars;

/// <summary>The personal calendar address in its two spellings: https for copying, webcal:// for "subscribe" links,
/// which calendar apps open as a subscription rather than a one-time import.</summary>
public static class CalendarUrls
{
    public static string Https(PublicUrls urls, string token) => urls.Absolute($"/calendar/{Uri.EscapeDataString(token)}.ics");

    /// <summary>webcal:// names the same resource; apps fetch it over https (or http for a plain-http server).</summary>
    public static string Webcal(string url) =>
        "webcal://" + url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
}
