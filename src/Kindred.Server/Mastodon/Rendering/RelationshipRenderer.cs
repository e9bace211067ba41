using System.Globalization;
using Kindred.Core.Relationships;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Rendering;

public static class RelationshipRenderer
{
    public static MastodonRelationship Render(Relationship r) => new()
    {
        Id = r.AccountId.ToString(CultureInfo.InvariantCulture),
        Following = r.Following,
        ShowingReblogs = r.ShowingReblogs,
        Notifying = r.Notifying,
        FollowedBy = r.FollowedBy,
        Blocking = r.Blocking,
        BlockedBy = r.BlockedBy,
        Muting = r.Muting,
        MutingNotifications = r.MutingNotifications,
        MutingExpiresAt = MastodonTime.Format(r.MuteExpiresAt),
        Requested = r.Requested,
        RequestedBy = r.RequestedBy,
        DomainBlocking = r.DomainBlocking,
        Endorsed = r.Endorsed,
        Note = r.Note,
    };
}
