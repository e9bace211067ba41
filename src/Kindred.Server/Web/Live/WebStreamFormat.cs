using System.Globalization;
using System.Text.Json;
using Kindred.Core.Filters;
using Kindred.Core.Notifications;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.Streaming;

namespace Kindred.Server.Web.Live;

/// <summary>
/// What the web page's script needs, and no more: for a new post its id and whether it is the member's own (the page
/// offers to show new posts, it does not render them); for a notification the member's new unread count.
/// </summary>
public sealed class WebStreamFormat : IStreamFormat
{
    public static WebStreamFormat Instance { get; } = new();

    public Task<string> StatusAsync(IServiceProvider services, Status status, long viewerId, ActiveFilters filters, FilterContexts context, CancellationToken ct) =>
        Task.FromResult(JsonSerializer.Serialize(new { id = status.Id.ToString(CultureInfo.InvariantCulture), mine = status.AccountId == viewerId }));

    public async Task<string?> NotificationAsync(IServiceProvider services, long viewerId, long notificationId, CancellationToken ct)
    {
        var queries = services.GetRequiredService<NotificationQueries>();
        var count = await queries.UnreadCountAsync(viewerId, NotificationQueries.DefaultCountLimit, ct);
        return JsonSerializer.Serialize(new { unread = count });
    }

    /// <summary>The web page never subscribes to the direct stream.</summary>
    public Task<string?> ConversationAsync(IServiceProvider services, long viewerId, long conversationId, CancellationToken ct) =>
        Task.FromResult<string?>(null);
}
