using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Digests;
using Kindred.Core.Invitations;
using Kindred.Core.Preferences;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Apps;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.OAuth;
using Kindred.Server.Mastodon.Preferences;
using Kindred.Server.Mastodon.Rendering;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Kindred.Server.Mastodon.Accounts;

/// <summary>The account methods of the Mastodon API that this foundation serves (Mastodon docs: methods/accounts).</summary>
public static class AccountsEndpoints
{
    public static RouteGroupBuilder MapAccountsEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/v1/accounts", Register).WithSummary("Register an account (app token with write:accounts)").WithTags("Accounts");
        api.MapGet("/v1/accounts/verify_credentials", VerifyCredentials).WithSummary("The signed-in account, with source and role").WithTags("Accounts");
        api.MapMethods("/v1/accounts/update_credentials", ["PATCH", "PUT"], UpdateCredentials).WithSummary("Update the signed-in profile").WithTags("Accounts").DisableAntiforgery();
        api.MapGet("/v1/accounts/lookup", Lookup).WithSummary("Find an account by its acct").WithTags("Accounts");
        api.MapGet("/v1/accounts/{id}", Get).WithSummary("One account").WithTags("Accounts");
        return api;
    }

    private static async Task<IResult> Register(HttpContext context, SignUpService signUps, PublicUrls urls, TokenIssuer tokens, IOpenIddictApplicationManager applications)
    {
        var principal = await MastodonAuth.RequireTokenAsync(context, "write:accounts");
        if (principal.GetClaim(Claims.Subject)?.StartsWith("app:", StringComparison.Ordinal) != true)
        {
            throw KindredException.Forbidden("Register with an app token (client_credentials), not a user token.");
        }
        var clientId = principal.GetClaim(Claims.ClientId) ?? principal.GetPresenters().FirstOrDefault()
            ?? throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
        var input = await MastodonParams.ReadAsync(context.Request);
        var registered = await signUps.RegisterAsync(new Registration(
            input.Value("username", 100) ?? "",
            input.Value("email", 300) ?? "",
            input.Value("password", 200) ?? "",
            input.Value("locale", 10) ?? "en",
            input.Bool("agreement") ?? false,
            input.Value("reason", AccountService.MaxApplicationLength + 1),
            input.Value("invite_code", 64),
            // The client's address after the forwarded headers (Hosting/SecuritySetup), for the sign-up defences (ADR 73).
            context.Connection.RemoteIpAddress), urls.Base);
        var application = await applications.FindByClientIdAsync(clientId);
        var appScopes = application is null ? ["read"] : await AppsEndpoints.ScopesAsync(applications, application);
        // An address that already has an account gets the same answer with an app token in place of the user token: it
        // acts for nobody, and the owner was mailed instead (ADR 47).
        var issued = registered.User is { } user ? OAuthEndpoints.CreatePrincipal(user, appScopes) : OAuthEndpoints.CreateAppPrincipal(clientId, appScopes);
        var token = await tokens.IssueAsync(context, clientId, issued, urls.Base);
        // OpenIddict has normally written the Token response already; otherwise write it here.
        return context.Response.HasStarted
            ? Results.Empty
            : MastodonJson.Ok(new MastodonToken(token, "Bearer", string.Join(' ', appScopes), DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    }

    private static async Task<IResult> VerifyCredentials(HttpContext context, KindredDbContext db, AccountRenderer renderer)
    {
        // Mastodon lets the narrow "profile" scope read the signed-in account too.
        var viewer = await MastodonAuth.RequireUserAsync(context, "read:accounts", "profile");
        var account = await LoadAsync(db, a => a.Id == viewer) ?? throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
        return MastodonJson.Ok(await renderer.RenderAsync(account, viewer, withSource: true));
    }

    private static async Task<IResult> UpdateCredentials(HttpContext context, ProfileService profiles, PreferenceService preferences, DigestService digests, KindredDbContext db, AccountRenderer renderer)
    {
        var viewer = await MastodonAuth.RequireUserAsync(context, "write:accounts");
        var input = await MastodonParams.ReadAsync(context.Request);
        var digest = DigestParams.Read(input);
        var avatar = input.Files.GetFile("avatar");
        var header = input.Files.GetFile("header");
        await using var avatarStream = avatar?.OpenReadStream();
        await using var headerStream = header?.OpenReadStream();
        var fields = input.Indexed("fields_attributes");
        var update = new ProfileUpdate
        {
            DisplayName = input.Value("display_name", 1000),
            Note = input.Value("note", 10_000),
            Locked = input.Bool("locked"),
            Bot = input.Bool("bot"),
            Discoverable = input.Bool("discoverable"),
            HideCollections = input.Bool("hide_collections"),
            AreaName = input.Value("area_name", 1000),
            Latitude = input.Number("latitude"),
            Longitude = input.Number("longitude"),
            ClearCoordinates = input.Has("latitude") && input.Value("latitude") == "" && input.Value("longitude") == "",
            AreaVisibility = ParseVisibility(input.Value("area_visibility", 20), "area_visibility"),
            TagsVisibility = ParseVisibility(input.Value("tags_visibility", 20), "tags_visibility"),
            // Kindred's own setting, beside Mastodon's parameters like the other profile additions; the nested form
            // kindred[direct_messages] (what a client echoing the account's "kindred" key sends) is read too.
            DirectMessages = ParseDirectMessages(input.Value("direct_messages", 20) ?? input.Value("kindred[direct_messages]", 20)),
            Mentions = ParseMentions(input.Value("mentions", 20) ?? input.Value("kindred[mentions]", 20)),
            Interests = input.Has("interests") ? input.List("interests") : null,
            Skills = input.Has("skills") ? input.List("skills") : null,
            Fields = input.Has("fields_attributes") || fields.Count > 0
                ? fields.Select(f => (f.GetValueOrDefault("name") ?? "", f.GetValueOrDefault("value") ?? "")).ToList()
                : null,
            Avatar = avatarStream,
            Header = headerStream,
        };
        // Mastodon's source[...] are the posting defaults (ADR 80); checked before anything is stored, so a bad one changes nothing.
        var posting = new PreferencesUpdate
        {
            Visibility = PreferencesEndpoints.ParseVisibility(input.Value("source[privacy]", 20)),
            Sensitive = input.Bool("source[sensitive]"),
            Language = PreferenceService.CheckLanguage(input.Value("source[language]", 10), "source[language]"),
        };
        await profiles.UpdateAsync(viewer, update);
        await preferences.UpdateAsync(viewer, posting, context.RequestAborted);
        if (digest.Any)
        {
            var current = await db.Users.Where(u => u.Id == viewer).Select(u => new { u.DigestFrequency, u.TimeZone }).FirstAsync(context.RequestAborted);
            await digests.SetPreferencesAsync(viewer, digest.Frequency ?? current.DigestFrequency, digest.SetsTimeZone ? digest.TimeZone : current.TimeZone, context.RequestAborted);
        }
        var account = await LoadAsync(db, a => a.Id == viewer);
        return MastodonJson.Ok(await renderer.RenderAsync(account!, viewer, withSource: true));
    }

    private static async Task<IResult> Get(string id, HttpContext context, KindredDbContext db, AccountRenderer renderer)
    {
        var viewer = await MastodonAuth.ViewerAsync(context);
        if (!Ids.TryParse(id, out var accountId))
        {
            throw KindredException.NotFound("Record not found");
        }
        var account = await LoadAsync(db, a => a.Id == accountId) ?? throw KindredException.NotFound("Record not found");
        return MastodonJson.Ok(await renderer.RenderAsync(account, viewer));
    }

    private static async Task<IResult> Lookup(HttpContext context, KindredDbContext db, AccountRenderer renderer, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ViewerAsync(context);
        var acct = (context.Request.Query["acct"].ToString() ?? "").Trim().TrimStart('@');
        if (acct.Length is 0 or > 300)
        {
            throw KindredException.NotFound("Record not found");
        }
        var at = acct.IndexOf('@', StringComparison.Ordinal);
        var username = at < 0 ? acct : acct[..at];
        var domain = at < 0 ? null : acct[(at + 1)..];
        if (domain is not null && string.Equals(domain, urls.Host, StringComparison.OrdinalIgnoreCase))
        {
            domain = null;
        }
        if (domain is not null)
        {
            // Remote accounts arrive with federation; until then there is nothing to find.
            throw KindredException.NotFound("Record not found");
        }
        var normalized = Usernames.Normalize(username);
        var account = await LoadAsync(db, a => a.UsernameNormalized == normalized && a.Domain == null) ?? throw KindredException.NotFound("Record not found");
        return MastodonJson.Ok(await renderer.RenderAsync(account, viewer));
    }

    /// <summary>Only accounts the public may know about: local ones must be active (not pending, rejected or disabled).</summary>
    private static Task<Account?> LoadAsync(KindredDbContext db, System.Linq.Expressions.Expression<Func<Account, bool>> predicate) =>
        db.Accounts.AsNoTracking()
            .Include(a => a.Fields)
            .Include(a => a.Tags)
            .Include(a => a.User)
            .AsSplitQuery()
            .Where(predicate)
            .Visible()
            .FirstOrDefaultAsync();

    private static MentionPolicy? ParseMentions(string? value) => value switch
    {
        null or "" => null,
        "everyone" => MentionPolicy.Everyone,
        "following" => MentionPolicy.Following,
        "nobody" => MentionPolicy.Nobody,
        _ => throw KindredException.Invalid("mentions", "mentions must be everyone, following or nobody."),
    };

    private static DirectMessagePolicy? ParseDirectMessages(string? value) => value switch
    {
        null or "" => null,
        "everyone" => DirectMessagePolicy.Everyone,
        "following" => DirectMessagePolicy.Following,
        "nobody" => DirectMessagePolicy.Nobody,
        _ => throw KindredException.Invalid("direct_messages", "direct_messages must be everyone, following or nobody."),
    };

    private static ProfileVisibility? ParseVisibility(string? value, string field) => value switch
    {
        null or "" => null,
        "public" => ProfileVisibility.Public,
        "members" => ProfileVisibility.Members,
        "only_me" => ProfileVisibility.OnlyMe,
        _ => throw KindredException.Invalid(field, $"{field} must be public, members or only_me."),
    };
}
