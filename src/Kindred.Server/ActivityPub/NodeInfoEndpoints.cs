using Kindred.Core.Common;
using Kindred.Core.PublicFace;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Instance;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.ActivityPub;

/// <summary>NodeInfo 2.0 (nodeinfo.diaspora.software). metadata.upstream.name = "mastodon" because
/// megalodon-based apps refuse servers whose software they do not recognise.</summary>
public static class NodeInfoEndpoints
{
    public static IEndpointRouteBuilder MapNodeInfoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/nodeinfo", (PublicUrls urls) => Results.Json(new
        {
            links = new[] { new { rel = "http://nodeinfo.diaspora.software/ns/schema/2.0", href = urls.Absolute("/nodeinfo/2.0") } },
        })).WithTags("Federation");
        app.MapGet("/nodeinfo/2.0", NodeInfo).WithTags("Federation");
        return app;
    }

    private static async Task<IResult> NodeInfo(KindredDbContext db, OrganizationSettings settings, InstanceStatistics statistics)
    {
        var org = await db.Organizations.AsNoTracking().FirstAsync();
        var users = await db.Users.Active().CountAsync();
        return Results.Json(new
        {
            version = "2.0",
            software = new { name = "kindred", version = "0.1.0" },
            protocols = new[] { "activitypub" },
            services = new { outbound = Array.Empty<string>(), inbound = Array.Empty<string>() },
            openRegistrations = (await settings.GetAsync()).RegistrationMode == RegistrationMode.Open,
            usage = new { users = new { total = users, activeMonth = users, activeHalfyear = users }, localPosts = await statistics.StatusCountAsync() },
            metadata = new
            {
                nodeName = org.Name,
                nodeDescription = org.Description,
                upstream = new { name = "mastodon", version = InstanceEndpoints.Version },
            },
        }, contentType: "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.0#\"");
    }
}
