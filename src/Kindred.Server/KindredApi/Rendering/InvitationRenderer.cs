using System.Globalization;
using Kindred.Core.Invitations;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.KindredApi.Rendering;

/// <summary>Invitations and the referral tree on the wire; every field written out by hand so nothing leaks by accident.</summary>
public sealed class InvitationRenderer(PublicUrls urls, TimeProvider time)
{
    public InvitationDto Render(Invitation invitation) => new(
        Id(invitation.Id),
        invitation.Code,
        InvitationEmails.Link(urls.Base, invitation.Code),
        invitation.Message,
        invitation.Email,
        invitation.GroupId is { } group ? Id(group) : null,
        invitation.MaxUses,
        invitation.Uses,
        invitation.ExpiresAt,
        invitation.CreatedAt,
        invitation.Revoked,
        InvitationStates.Name(InvitationStates.Of(invitation, time.GetUtcNow().UtcDateTime)));

    public static ReferralTreeDto Render(ReferralTree tree) =>
        new(tree.Roots.Select(Render).ToList(), tree.RootCount, tree.Offset, tree.Limit, tree.Depth);

    private static ReferralDto Render(ReferralNode node) => new(
        Id(node.AccountId),
        node.Username,
        node.DisplayName,
        node.InvitedById is { } by ? Id(by) : null,
        node.JoinedAt,
        node.Direct,
        node.Total,
        node.PostsLast30Days,
        node.LastActiveAt,
        node.Children.Select(Render).ToList(),
        node.MoreChildren);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
