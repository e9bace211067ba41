using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Core.Conversations;
using Kindred.Core.Filters;
using Kindred.Core.Notifications;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
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
}
