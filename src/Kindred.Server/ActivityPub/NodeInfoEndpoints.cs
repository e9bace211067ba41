using Kindred.Core.Common;
using Kindred.Core.PublicFace;
using Kindred.Data;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Instance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Server.ActivityPub;

/// <summary>NodeInfo 2.0 and 2.1 (nodeinfo.diaspora.software). metadata.upstream.name = "mastodon" because
/// megalodon-based apps refuse servers whose software they do not recognise. The usage figures are the instance API's
/// (<see cref="InstanceStatistics"/>): active members, those who signed in within 30 and 180 days, and the posts a
/// signed-out visitor could read.</summary>
public static class NodeInfoEndpoints
{
    public static IEndpointRouteBuilder MapNodeInfoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/nodeinfo", (PublicUrls urls) => Results.Json(new
        {
            links = new[]
            {
                new { rel = "http://nodeinfo.diaspora.software/ns/schema/2.0", href = urls.Absolute("/nodeinfo/2.0") },
                new { rel = "http://nodeinfo.diaspora.software/ns/schema/2.1", href = urls.Absolute("/nodeinfo/2.1") },
            },
        })).WithTags("Federation");
        app.MapGet("/nodeinfo/2.0", (KindredDbContext db, OrganizationSettings settings, InstanceStatistics statistics, CancellationToken ct) =>
            NodeInfoAsync("2.0", null, db, settings, statistics, ct)).WithTags("Federation");
        app.MapGet("/nodeinfo/2.1", (KindredDbContext db, OrganizationSettings settings, InstanceStatistics statistics, IOptions<KindredOptions> options, PublicUrls urls, CancellationToken ct) =>
            NodeInfoAsync("2.1", string.IsNullOrWhiteSpace(options.Value.SourceUrl) ? urls.Base : options.Value.SourceUrl, db, settings, statistics, ct)).WithTags("Federation");
        return app;
    }

    private static async Task<IResult> NodeInfoAsync(string version, string? source, KindredDbContext db, OrganizationSettings settings, InstanceStatistics statistics, CancellationToken ct)
    {
        var org = await db.Organizations.AsNoTracking().FirstAsync(ct);
        var usage = new
        {
            users = new
            {
                total = await statistics.UserCountAsync(ct),
                activeMonth = await statistics.ActiveUserCountAsync(30, ct),
                activeHalfyear = await statistics.ActiveUserCountAsync(180, ct),
            },
            localPosts = await statistics.StatusCountAsync(ct),
        };
        // 2.1 adds where the software comes from (the instance API's source_url); 2.0's schema allows no other software keys.
        object software = source is not null
            ? new { name = "kindred", version = "0.1.0", repository = source, homepage = source }
            : new { name = "kindred", version = "0.1.0" };
        return Results.Json(new
        {
            version,
            software,
            protocols = new[] { "activitypub" },
            services = new { outbound = Array.Empty<string>(), inbound = Array.Empty<string>() },
            openRegistrations = (await settings.GetAsync(ct)).RegistrationMode == RegistrationMode.Open,
            usage,
            metadata = new
            {
                nodeName = org.Name,
                nodeDescription = org.Description,
                upstream = new { name = "mastodon", version = InstanceEndpoints.Version },
            },
        }, contentType: $"application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/{version}#\"");
    }
}
