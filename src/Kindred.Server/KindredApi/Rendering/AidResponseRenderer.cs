using System.Globalization;
using Kindred.Core.Aid;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.KindredApi.Rendering;

/// <summary>Aid conversations on the wire, a page at a time (accounts, thanks and escalations loaded once per batch);
/// every field written out by hand so nothing leaks by accident.</summary>
public sealed class AidResponseRenderer(KindredDbContext db, AccountRenderer accounts)
{
    public async Task<IReadOnlyList<AidResponseDto>> RenderManyAsync(IReadOnlyList<AidConversation> conversations, long viewerId, CancellationToken ct = default)
    {
        if (conversations.Count == 0)
        {
            return [];
        }
        var accountIds = conversations.SelectMany(c => new[] { c.Response.ResponderId, c.Item.AccountId }).Distinct().ToList();
        var rows = await db.Accounts.AsNoTracking().Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User)
            .AsSplitQuery().Where(a => accountIds.Contains(a.Id)).ToListAsync(ct);
        var rendered = (await accounts.RenderManyAsync(rows, viewerId, ct)).ToDictionary(a => a.Id);
        var responseIds = conversations.Select(c => c.Response.Id).ToList();
        var thanks = await db.AidThanks.AsNoTracking().Where(t => responseIds.Contains(t.ResponseId)).ToDictionaryAsync(t => t.ResponseId, ct);
        var closed = await db.AidEscalations.AsNoTracking().Where(e => responseIds.Contains(e.ResponseId) && e.Resumed == false)
            .Select(e => e.ResponseId).Distinct().ToListAsync(ct);
        return conversations
            .Where(c => rendered.ContainsKey(Id(c.Response.ResponderId)) && rendered.ContainsKey(Id(c.Item.AccountId)))
            .Select(c => new AidResponseDto(
                Id(c.Response.Id),
                Id(c.Item.Id),
                c.Item.Kind == AidKind.Request ? "request" : "offer",
                c.Item.Title,
                ItemStateName(c.Item.State),
                StateName(c.Response.State),
                c.Role.ToString().ToLowerInvariant(),
                rendered[Id(c.Response.ResponderId)],
                rendered[Id(c.Item.AccountId)],
                c.Response.CreatedAt,
                c.Response.DecidedAt,
                c.Response.LastMessageAt,
                c.Response.PausedAt is not null,
                c.Response.PausedAt,
                closed.Contains(c.Response.Id),
                thanks.TryGetValue(c.Response.Id, out var t) ? Render(t) : null))
            .ToList();
    }

    public async Task<AidResponseDto> RenderAsync(AidConversation conversation, long viewerId, CancellationToken ct = default) =>
        (await RenderManyAsync([conversation], viewerId, ct)) is [var one] ? one : throw Core.Common.KindredException.NotFound();

    public static AidMessageDto Render(AidMessage message) =>
        new(Id(message.Id), Id(message.ResponseId), Id(message.AuthorId), message.Text, message.CreatedAt);

    public static AidThanksDto Render(AidThanks thanks) =>
        new(Id(thanks.ResponseId), Id(thanks.FromAccountId), Id(thanks.ToAccountId), thanks.Text, thanks.CreatedAt,
            thanks.SharedByGiver, thanks.SharedByReceiver, thanks.SharedByGiver && thanks.SharedByReceiver);

    public static AidEscalationDto Render(AidEscalation escalation, AidResponseDto? conversation) =>
        new(Id(escalation.Id), Id(escalation.ResponseId), Id(escalation.RaisedById), escalation.Reason, escalation.CreatedAt,
            escalation.ReviewedAt, escalation.ReviewedById is { } by ? Id(by) : null, escalation.Resumed, escalation.ReviewNote, conversation);

    public static string StateName(AidResponseState state) => state switch
    {
        AidResponseState.Pending => "pending",
        AidResponseState.Accepted => "accepted",
        AidResponseState.Declined => "declined",
        _ => "withdrawn",
    };

    public static string ItemStateName(AidItemState state) => state switch
    {
        AidItemState.Open => "open",
        AidItemState.InProgress => "in_progress",
        AidItemState.Fulfilled => "fulfilled",
        AidItemState.Closed => "closed",
        _ => "expired",
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
