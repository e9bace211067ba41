using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Polls;
using Kindred.Core.PublicFace;
using Kindred.Core.Push;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Mastodon.Instance;

/// <summary>GET /api/v1/instance, /api/v2/instance, /api/v1/instance/rules, activity and peers (Mastodon docs: methods/instance).</summary>
public static class InstanceEndpoints
{
    /// <summary>Clients parse the leading Mastodon version to decide which features to use.</summary>
    public const string Version = "4.3.0 (compatible; Kindred 0.1.0)";
    public const int MaxCharacters = Kindred.Core.Statuses.StatusService.MaxCharacters;
    public const int MaxMediaAttachments = Kindred.Core.Media.MediaLimits.MaxPerStatus;

    public static RouteGroupBuilder MapInstanceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/instance", V1).WithSummary("Server information (v1)").WithTags("Instance");
        api.MapGet("/v2/instance", V2).WithSummary("Server information").WithTags("Instance");
        api.MapGet("/v1/instance/rules", Rules).WithSummary("Server rules").WithTags("Instance");
        api.MapGet("/v1/instance/activity", Activity).WithSummary("Weekly posts, sign-ins and sign-ups over the last twelve weeks").WithTags("Instance");
        api.MapGet("/v1/instance/peers", Peers).WithSummary("Domains this server knows (none until federation)").WithTags("Instance");
        return api;
    }

    private static async Task<IResult> V1(HttpContext context, KindredDbContext db, PublicUrls urls, OrganizationSettings settings, AccountRenderer renderer, InstanceStatistics statistics, WebPushKeys keys)
    {
        var (org, users, mode) = await FactsAsync(db, settings);
        var ct = context.RequestAborted;
        return MastodonJson.Ok(new
        {
            uri = urls.Host,
            title = org.Name,
            short_description = org.Description,
            description = org.Description,
            email = org.ContactEmail,
            version = Version,
            urls = new { streaming_api = urls.Base.Replace("http", "ws", StringComparison.Ordinal) },
            stats = new { user_count = users, status_count = await statistics.StatusCountAsync(ct), domain_count = await statistics.DomainCountAsync(ct) },
            thumbnail = urls.Absolute("/img/header.png"),
            languages = new[] { org.DefaultLanguage },
            registrations = mode != RegistrationMode.Invite,
            approval_required = mode == RegistrationMode.Approval,
            invites_enabled = true,
            configuration = Configuration(urls, (await keys.GetAsync(db, context.RequestAborted)).PublicKey),
            contact_account = await ContactAsync(context, db, org, renderer),
            rules = await RulesAsync(db),
        });
    }

    private static async Task<IResult> V2(HttpContext context, KindredDbContext db, PublicUrls urls, IOptions<KindredOptions> options, OrganizationSettings settings, AccountRenderer renderer, WebPushKeys keys)
    {
        var (org, users, mode) = await FactsAsync(db, settings);
        return MastodonJson.Ok(new
        {
            domain = urls.Host,
            title = org.Name,
            version = Version,
            source_url = string.IsNullOrWhiteSpace(options.Value.SourceUrl) ? urls.Base : options.Value.SourceUrl,
            description = org.Description,
            usage = new { users = new { active_month = users } },
            thumbnail = new { url = urls.Absolute("/img/header.png"), blurhash = (string?)null, versions = new { } },
            icon = Array.Empty<object>(),
            languages = new[] { org.DefaultLanguage },
            configuration = Configuration(urls, (await keys.GetAsync(db, context.RequestAborted)).PublicKey),
            registrations = new
            {
                enabled = mode != RegistrationMode.Invite,
                approval_required = mode == RegistrationMode.Approval,
                message = mode == RegistrationMode.Invite ? "Joining is by invitation only." : null,
                url = (string?)null,
            },
            api_versions = new { mastodon = 2 },
            // The organization's own account is the one to contact (ADR 55), as Mastodon names its admin's.
            contact = new { email = org.ContactEmail, account = await ContactAsync(context, db, org, renderer) },
            rules = await RulesAsync(db),
            kindred = new { organization = new { name = org.Name, area_name = org.AreaName, default_language = org.DefaultLanguage } },
        });
    }

    private static async Task<(Organization Org, int ActiveUsers, RegistrationMode Mode)> FactsAsync(KindredDbContext db, OrganizationSettings settings) =>
        (await db.Organizations.AsNoTracking().FirstAsync(),
         await db.Users.Active().CountAsync(),
         (await settings.GetAsync()).RegistrationMode);

    private static async Task<MastodonAccount?> ContactAsync(HttpContext context, KindredDbContext db, Organization org, AccountRenderer renderer)
    {
        if (org.AccountId is not { } id)
        {
            return null;
        }
        var account = await db.Accounts.AsNoTracking().Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User)
            .FirstOrDefaultAsync(a => a.Id == id, context.RequestAborted);
        return account is null ? null : await renderer.RenderAsync(account, await MastodonAuth.ViewerAsync(context), ct: context.RequestAborted);
    }

    /// <summary>Mastodon's shape: the week's Monday as Unix seconds and every count as a string, newest week first.</summary>
    private static async Task<IResult> Activity(HttpContext context, InstanceStatistics statistics) =>
        MastodonJson.Ok((await statistics.ActivityAsync(context.RequestAborted)).Select(w => new
        {
            week = w.Week.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            statuses = w.Statuses.ToString(CultureInfo.InvariantCulture),
            logins = w.Logins.ToString(CultureInfo.InvariantCulture),
            registrations = w.Registrations.ToString(CultureInfo.InvariantCulture),
        }).ToList());

    /// <summary>The domains of the servers this one has seen; Kindred does not federate yet, so the list is empty.</summary>
    private static async Task<IResult> Peers(HttpContext context, InstanceStatistics statistics) =>
        MastodonJson.Ok(await statistics.PeersAsync(context.RequestAborted));

    private static async Task<IResult> Rules(KindredDbContext db) => MastodonJson.Ok(await RulesAsync(db));

    private static async Task<object[]> RulesAsync(KindredDbContext db) =>
        (await db.InstanceRules.AsNoTracking().OrderBy(r => r.Position).ToListAsync())
            .Select(r => (object)new { id = r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), text = r.Text, hint = r.Hint })
            .ToArray();

    private static object Configuration(PublicUrls urls, string vapidKey) => new
    {
        urls = new { streaming = urls.Base.Replace("http", "ws", StringComparison.Ordinal), status = (string?)null },
        // The server's VAPID key (ADR 81), which browsers and apps subscribe against.
        vapid = new { public_key = vapidKey },
        accounts = new { max_featured_tags = 10, max_pinned_statuses = 5 },
        statuses = new { max_characters = MaxCharacters, max_media_attachments = MaxMediaAttachments, characters_reserved_per_url = Kindred.Core.Common.TextLength.CharactersPerUrl },
        media_attachments = new
        {
            // The limits the upload really enforces (bytes read, width × height from the header); images only.
            supported_mime_types = Kindred.Core.Media.MediaLimits.ContentTypes,
            image_size_limit = Kindred.Core.Media.MediaLimits.MaxBytes,
            image_matrix_limit = Kindred.Core.Media.MediaLimits.MaxPixels,
            video_size_limit = 0,
            video_frame_rate_limit = 0,
            video_matrix_limit = 0,
            description_limit = Kindred.Core.Media.MediaLimits.MaxDescription,
        },
        polls = new { max_options = PollService.MaxOptions, max_characters_per_option = PollService.MaxCharactersPerOption, min_expiration = PollService.MinExpirationSeconds, max_expiration = PollService.MaxExpirationSeconds },
        translation = new { enabled = false },
    };
}
