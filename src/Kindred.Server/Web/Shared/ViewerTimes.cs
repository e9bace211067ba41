using System.Globalization;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Web.Shared;

/// <summary>
/// The one way a page writes a time (ADR 84): in the viewer's zone (their setting, else the organization's, else the
/// browser's hint cookie, else UTC) and in the organization's regional English or French. Read once per request, by the
/// first component that renders (<see cref="KindredComponent"/>), so every component after it can format synchronously.
/// </summary>
public sealed class ViewerTimes(KindredDbContext db, OrganizationSettings organization, IHttpContextAccessor accessor, TimeProvider clock)
{
    /// <summary>The cookie <c>live.js</c> sets to the browser's zone; a hint only, never required.</summary>
    public const string BrowserZoneCookie = "kindred_tz";

    private TimeFormat? format;

    /// <summary>The viewer's format; before <see cref="LoadAsync"/> ran, UTC in the request's language.</summary>
    public TimeFormat Format => format ?? new TimeFormat(TimeZoneInfo.Utc, TimeCultures.For(CultureInfo.CurrentUICulture.Name, null));

    /// <summary>The time now, for "2 h ago".</summary>
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task LoadAsync()
    {
        if (format is not null)
        {
            return;
        }
        var context = accessor.HttpContext;
        var snapshot = await organization.GetAsync(context?.RequestAborted ?? default);
        var own = await OwnZoneAsync(context);
        var hint = context?.Request.Cookies[BrowserZoneCookie];
        format = new TimeFormat(TimeZones.ForViewer(own, snapshot.TimeZoneId, Plausible(hint) ? hint : null),
            TimeCultures.For(CultureInfo.CurrentUICulture.Name, snapshot.TimeZoneId));
    }

    /// <summary>The member's zone from the sign-in cookie (saved there at sign-in and when they change it); the
    /// database only for a cookie older than that claim, so a signed-in page costs no query for it.</summary>
    private async Task<string?> OwnZoneAsync(HttpContext? context)
    {
        if (UserClaims.Id(context?.User) is not { } id)
        {
            return null;
        }
        if (context!.User.FindFirst(KindredClaimsFactory.TimeZoneClaim) is { } claim)
        {
            return claim.Value.Length == 0 ? null : claim.Value;
        }
        return await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.TimeZone).FirstOrDefaultAsync(context.RequestAborted);
    }

    /// <summary>A browser's hint is typed by nobody but sent by anyone: only a short tz-style name is looked up, never a path.</summary>
    private static bool Plausible(string? hint) =>
        hint is { Length: > 0 and <= 64 } && !hint.Contains("..", StringComparison.Ordinal) && !hint.StartsWith('/')
        && hint.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+');

    /// <summary>Date and time in the viewer's zone: "Dec 7, 2026, 2:55 PM".</summary>
    public string Text(DateTime utc) => Format.DateAndTime(utc);

    /// <summary>The date alone in the viewer's zone.</summary>
    public string Date(DateTime utc) => Format.Date(utc);

    /// <summary>A calendar day (no zone to convert) in the viewer's date order.</summary>
    public string Day(DateOnly day) => Format.Day(day);

    /// <summary>The clock time alone in the viewer's zone.</summary>
    public string Time(DateTime utc) => Format.Time(utc);
}
