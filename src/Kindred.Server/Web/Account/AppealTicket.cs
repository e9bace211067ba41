using System.Globalization;
using System.Security.Cryptography;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Kindred.Server.Web.Account;

/// <summary>
/// The suspended member's way to read and appeal the suspension (ADR 71). After the right password on the sign-in page
/// a suspended account gets this ticket instead of a session: a short-lived cookie, encrypted by data protection, sent
/// only to <see cref="Path"/>, that names the member, their security stamp and whether the second factor was passed.
/// No authentication handler reads it, so it signs nobody in and opens no other page, API or stream; it is void once
/// the account is active again (sign in then) or its stamp changes (a password reset).
/// </summary>
public static class AppealTicket
{
    public const string Path = "/account/suspended";
    public const string CookieName = "kindred-appeal";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private const string Purpose = "Kindred.AppealTicket.v1";

    /// <summary>Gives the browser a ticket for <paramref name="user"/>; <paramref name="complete"/> once every factor is passed.</summary>
    public static void Issue(HttpContext context, User user, bool complete)
    {
        var payload = string.Join('|', user.Id.ToString(CultureInfo.InvariantCulture), user.SecurityStamp ?? "", complete ? "1" : "0");
        context.Response.Cookies.Append(CookieName, Protector(context).Protect(payload, Lifetime), new CookieOptions
        {
            Path = Path,
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>The suspended member the browser's ticket names and whether it is complete; null when there is no
    /// valid ticket or the account is no longer suspended.</summary>
    public static async Task<(User User, bool Complete)?> ReadAsync(HttpContext context, UserManager<User> users)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }
        string payload;
        try
        {
            payload = Protector(context).Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = payload.Split('|');
        if (parts.Length != 3)
        {
            return null;
        }
        var user = await users.FindByIdAsync(parts[0]);
        return user is { Status: UserStatus.Disabled } && (user.SecurityStamp ?? "") == parts[1] ? (user, parts[2] == "1") : null;
    }

    public static void End(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = Path });

    private static ITimeLimitedDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();
}
