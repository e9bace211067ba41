using Kindred.Server.ActivityPub;
using Kindred.Server.KindredApi.Aid;
using Kindred.Server.KindredApi.CalendarFeed;
using Kindred.Server.KindredApi.Events;
using Kindred.Server.KindredApi.Inbox;
using Kindred.Server.KindredApi.Invitations;
using Kindred.Server.Mastodon;
using Kindred.Server.Mastodon.Accounts;
using Kindred.Server.Mastodon.Admin;
using Kindred.Server.Mastodon.Announcements;
using Kindred.Server.Mastodon.Apps;
using Kindred.Server.Mastodon.Conversations;
using Kindred.Server.Mastodon.CustomEmojis;
using Kindred.Server.Mastodon.DomainBlocks;
using Kindred.Server.Mastodon.Filters;
using Kindred.Server.Mastodon.Groups;
using Kindred.Server.Mastodon.Instance;
using Kindred.Server.Mastodon.Lists;
using Kindred.Server.Mastodon.Markers;
using Kindred.Server.Mastodon.Media;
using Kindred.Server.Mastodon.Notifications;
using Kindred.Server.Mastodon.OAuth;
using Kindred.Server.Mastodon.Polls;
using Kindred.Server.Mastodon.Preferences;
using Kindred.Server.Mastodon.Push;
using Kindred.Server.Mastodon.Relationships;
using Kindred.Server.Mastodon.Reports;
using Kindred.Server.Mastodon.ScheduledStatuses;
using Kindred.Server.Mastodon.Search;
using Kindred.Server.Mastodon.Statuses;
using Kindred.Server.Mastodon.Streaming;
using Kindred.Server.Mastodon.Suggestions;
using Kindred.Server.Mastodon.Tags;
using Kindred.Server.Mastodon.Timelines;
using Kindred.Server.Mastodon.Trends;
using Kindred.Server.Web;
using Kindred.Server.Web.Live;
using Kindred.Server.Web.Settings;
using Scalar.AspNetCore;

namespace Kindred.Server.Hosting;

public static class Endpoints
{
    /// <summary>Every route Kindred answers, by front door.</summary>
    public static WebApplication MapKindredEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapStaticAssets();

        // Front door 2: the Mastodon-compatible API and its OAuth server.
        app.MapOAuthEndpoints();
        // Errors outermost, so a refused call never reaches the organization's audit entry (ADR 65).
        var api = app.MapGroup("/api").AddEndpointFilter<MastodonErrors>().AddEndpointFilter<OrganizationActing>().DisableAntiforgery();
        api.MapAppsEndpoints();
        api.MapAccountsEndpoints();
        api.MapRelationshipsEndpoints();
        api.MapNotesAndEndorsementsEndpoints();
        api.MapDomainBlocksEndpoints();
        api.MapInstanceEndpoints();
        api.MapStatusesEndpoints();
        api.MapStatusListsEndpoints();
        api.MapScheduledStatusesEndpoints();
        api.MapPollsEndpoints();
        api.MapCustomEmojisEndpoints();
        api.MapTimelinesEndpoints();
        api.MapNotificationsEndpoints();
        api.MapGroupedNotificationsEndpoints();
        api.MapNotificationPolicyEndpoints();
        api.MapNotificationRequestsEndpoints();
        api.MapMarkersEndpoints();
        api.MapTagsEndpoints();
        api.MapFeaturedTagsEndpoints();
        api.MapTrendsEndpoints();
        api.MapDirectoryEndpoints();
        api.MapPreferencesEndpoints();
        api.MapPushEndpoints();
        api.MapAnnouncementsEndpoints();
        api.MapReportsEndpoints();
        api.MapAdminReportsEndpoints();
        api.MapAdminAccountsEndpoints();
        api.MapListsEndpoints();
        api.MapFiltersEndpoints();
        api.MapFiltersV1Endpoints();
        api.MapConversationsEndpoints();
        api.MapMediaEndpoints();
        api.MapStreamingEndpoints();
        api.MapSearchEndpoints();
        api.MapSuggestionsEndpoints();
        api.MapGroupsEndpoints();
        api.MapGroupDiscoveryEndpoints();
        api.MapInvitationsEndpoints();
        api.MapEventsEndpoints();
        api.MapCalendarFeedEndpoints();
        api.MapAidEndpoints();
        api.MapAidResponsesEndpoints();
        api.MapSafeguardingEndpoints();
        api.MapAidSafeguardingEndpoints();
        api.MapInboxEndpoints();
        // Any other /api path, whatever the verb, is Mastodon's JSON 404, never the web's not-found page (ADR 77). A catch-all
        // ranks below every literal segment, so each real route still wins, and a known path with a wrong verb lands here too.
        api.Map("{**rest}", UnknownApiRoute.Answer).ExcludeFromDescription();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api-docs", o => o.WithOpenApiRoutePattern("/openapi/{documentName}.json").WithTitle("Kindred API"));

        // Front door 3: federation (ADR 95, ADR 96).
        app.MapNodeInfoEndpoints();
        app.MapWebFingerEndpoints();
        app.MapActorEndpoints();
        app.MapActivityInboxEndpoints();

        // Front door 1: the web pages.
        app.MapWebEndpoints();
        app.MapLiveEndpoints();
        app.MapPushSettingsEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }
}
