using Kindred.Core.Common;
using Kindred.Core.Preferences;
using Kindred.Data.Entities;

namespace Kindred.Server.Mastodon.Preferences;

/// <summary>
/// The member's preferences (Mastodon docs: methods/preferences; ADR 80), read with read:accounts. They are changed on
/// the web settings page or through update_credentials' source[privacy], source[sensitive] and source[language].
/// </summary>
public static class PreferencesEndpoints
{
    public static RouteGroupBuilder MapPreferencesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/preferences", Get).WithSummary("Posting defaults and reading preferences").WithTags("Accounts");
        return api;
    }

    private static async Task<IResult> Get(HttpContext context, PreferenceService preferences)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:accounts");
        var p = await preferences.GetAsync(me, context.RequestAborted);
        return MastodonJson.Ok(new Dictionary<string, object?>
        {
            ["posting:default:visibility"] = VisibilityName(p.Visibility ?? Audience.Public),
            ["posting:default:sensitive"] = p.Sensitive,
            ["posting:default:language"] = p.Language,
            ["reading:expand:media"] = MediaName(p.ExpandMedia),
            ["reading:expand:spoilers"] = p.ExpandSpoilers,
        });
    }

    /// <summary>
    /// The Mastodon name of a default visibility. Members-only is shown as "private", the nearest audience that is not
    /// wider (ADR 80): an app that posts with the default it read never reaches beyond the members the member chose.
    /// </summary>
    public static string VisibilityName(Audience visibility) => visibility switch
    {
        Audience.Unlisted => "unlisted",
        Audience.Private or Audience.Members => "private",
        Audience.Direct => "direct",
        _ => "public",
    };

    public static string MediaName(MediaExpansion media) => media switch
    {
        MediaExpansion.ShowAll => "show_all",
        MediaExpansion.HideAll => "hide_all",
        _ => "default",
    };

    /// <summary>source[privacy] as update_credentials takes it; members_only (or local) is Kindred's members-only.</summary>
    public static Audience? ParseVisibility(string? value) => value switch
    {
        null or "" => null,
        "public" => Audience.Public,
        "unlisted" => Audience.Unlisted,
        "private" => Audience.Private,
        "members_only" or "local" => Audience.Members,
        _ => throw KindredException.Invalid("source[privacy]", "source[privacy] must be public, unlisted, members_only or private."),
    };
}
