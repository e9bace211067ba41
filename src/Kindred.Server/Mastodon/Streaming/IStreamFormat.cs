using Kindred.Core.Common;
using Kindred.Core.Filters;
using Kindred.Data.Entities;

namespace Kindred.Server.Mastodon.Streaming;

/// <summary>What a delivered event carries: the Mastodon API's JSON for API clients, less for the web page's script.</summary>
public interface IStreamFormat
{
    /// <summary>The payload of an <c>update</c> or <c>status.update</c> for <paramref name="viewerId"/>, in streams of
    /// <paramref name="context"/> (whose warning filters it shows).</summary>
    Task<string> StatusAsync(IServiceProvider services, Status status, long viewerId, ActiveFilters filters, FilterContexts context, CancellationToken ct);

    /// <summary>The payload of a new notification, or null when the member may not see it (any more).</summary>
    Task<string?> NotificationAsync(IServiceProvider services, long viewerId, long notificationId, CancellationToken ct);

    /// <summary>The payload of a <c>conversation</c> event, or null when the member is not in it or the format has none.</summary>
    Task<string?> ConversationAsync(IServiceProvider services, long viewerId, long conversationId, CancellationToken ct);

    /// <summary>The event name and payload an announcement event (ADR 76) becomes for <paramref name="viewerId"/>, or
    /// null when it becomes nothing (not shown to members, or a format without announcements).</summary>
    Task<(string Event, string Payload)?> AnnouncementAsync(IServiceProvider services, long viewerId, StreamEvent e, CancellationToken ct) =>
        Task.FromResult<(string, string)?>(null);
}
