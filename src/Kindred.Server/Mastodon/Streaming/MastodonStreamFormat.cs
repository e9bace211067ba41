using System.Globalization;
using System.Text.Json;
using Kindred.Core.Announcements;
using Kindred.Core.Common;
using Kindred.Core.Conversations;
using Kindred.Core.Filters;
using Kindred.Core.Notifications;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.Announcements;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Streaming;

/// <summary>Payloads rendered exactly as the REST API renders them for the same viewer.</summary>
public sealed class MastodonStreamFormat : IStreamFormat
{
    public static MastodonStreamFormat Instance { get; } = new();

    public async Task<string> StatusAsync(IServiceProvider services, Status status, long viewerId, ActiveFilters filters, FilterContexts context, CancellationToken ct)
    {
        // The stream has already left out what a hide filter matches, so one status comes back.
        var rendered = await services.GetRequiredService<StatusRenderer>().RenderManyAsync([status], Viewer.Member(viewerId), filters, context, ct);
        return JsonSerializer.Serialize(rendered[0], MastodonJson.Options);
    }

    public async Task<string?> NotificationAsync(IServiceProvider services, long viewerId, long notificationId, CancellationToken ct)
    {
        Notification notification;
        try
        {
            notification = await services.GetRequiredService<NotificationQueries>().GetAsync(viewerId, notificationId, ct);
        }
        catch (KindredException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
        var rendered = await services.GetRequiredService<NotificationRenderer>().RenderManyAsync([notification], viewerId, ct);
        return rendered.Count == 1 ? JsonSerializer.Serialize(rendered[0], MastodonJson.Options) : null;
    }

    /// <summary>Rendered as GET /api/v1/conversations renders it.</summary>
    public async Task<string?> ConversationAsync(IServiceProvider services, long viewerId, long conversationId, CancellationToken ct)
    {
        ConversationView view;
        try
        {
            view = await services.GetRequiredService<ConversationQueries>().GetAsync(viewerId, conversationId, ct);
        }
        catch (KindredException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
        var rendered = await services.GetRequiredService<ConversationRenderer>().RenderManyAsync([view], viewerId, ct);
        return rendered.Count == 1 ? JsonSerializer.Serialize(rendered[0], MastodonJson.Options) : null;
    }

    /// <summary>
    /// Mastodon's three announcement events on the user stream: <c>announcement</c> (rendered as GET /api/v1/announcements
    /// renders it for the member), <c>announcement.reaction</c> (the emoji's new count) and <c>announcement.delete</c>
    /// (the id). An announcement that no longer shows once reloaded (ended, moved later) is a delete; a reaction to one
    /// that does not show is nothing.
    /// </summary>
    public async Task<(string Event, string Payload)?> AnnouncementAsync(IServiceProvider services, long viewerId, StreamEvent e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        var id = e.Id.ToString(CultureInfo.InvariantCulture);
        var queries = services.GetRequiredService<AnnouncementQueries>();
        switch (e.Kind)
        {
            case StreamEventKind.Announcement:
                return await queries.ShowingViewAsync(viewerId, e.Id, ct) is { } view
                    ? ("announcement", JsonSerializer.Serialize(AnnouncementsEndpoints.Render(view), MastodonJson.Options))
                    : ("announcement.delete", id);
            case StreamEventKind.AnnouncementReaction when e.Name is not null:
                return await queries.ReactionCountAsync(e.Id, e.Name, ct) is { } count
                    ? ("announcement.reaction", JsonSerializer.Serialize(new MastodonAnnouncementReactionEvent(e.Name, count, id), MastodonJson.Options))
                    : null;
            case StreamEventKind.AnnouncementDeleted:
                return ("announcement.delete", id);
            default:
                return null;
        }
    }
}
