namespace Kindred.Server.Web.Shared;

/// <summary>Where a "returnUrl" may send someone: only to a path on this site, never to another host.</summary>
public static class LocalUrls
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2000 || url[0] != '/')
        {
            return false;
        }
        // "//host" and "/\host" are read by browsers as another site.
        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }
        return !url.Any(char.IsControl);
    }

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";

    /// <summary>Where a successful sign-in goes: the return address, or the deletion page when the sign-in cancelled a
    /// scheduled deletion of the account, so the member learns that it did (ADR 70), or the welcome page on a member's
    /// first sign-in unless they were on their way somewhere (ADR 91).</summary>
    public static string AfterSignIn(object signIn, string? url) => signIn switch
    {
        Hosting.KindredSignInManager { DeletionCancelled: true } => "/settings/delete?cancelled=true",
        Hosting.KindredSignInManager { FirstSignIn: true } when OrHome(url) == "/" => Welcome,
        _ => OrHome(url),
    };

    /// <summary>The newcomer's welcome page (ADR 91).</summary>
    public const string Welcome = "/welcome";
}
