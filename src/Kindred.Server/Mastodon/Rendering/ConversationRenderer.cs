using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Conversations;
using Kindred.Core.Statuses;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>Conversations for their participant, a page at a time: every account and every last status of the page
/// rendered in one batch each.</summary>
public sealed class ConversationRenderer(AccountRenderer accounts, StatusRenderer statuses)
{
    public async Task<IReadOnlyList<MastodonConversation>> RenderManyAsync(IReadOnlyList<ConversationView> views, long viewerId, CancellationToken ct = default)
    {
        var people = views.SelectMany(v => v.Accounts).DistinctBy(a => a.Id).ToList();
        var renderedPeople = (await accounts.RenderManyAsync(people, viewerId, ct)).ToDictionary(a => a.Id);
        var lasts = views.Where(v => v.LastStatus is not null).Select(v => v.LastStatus!).DistinctBy(s => s.Id).ToList();
        var renderedLasts = (await statuses.RenderManyAsync(lasts, Viewer.Member(viewerId), ct: ct)).ToDictionary(s => s.Id);
        return views.Select(v => new MastodonConversation(
            v.Id.ToString(CultureInfo.InvariantCulture),
            v.Unread,
            v.Accounts.Select(a => renderedPeople[a.Id.ToString(CultureInfo.InvariantCulture)]).ToList(),
            v.LastStatus is { } last ? renderedLasts[last.Id.ToString(CultureInfo.InvariantCulture)] : null)).ToList();
    }
}
