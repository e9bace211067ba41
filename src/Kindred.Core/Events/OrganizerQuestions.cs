using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Events;

/// <summary>
/// "Ask the organizers" on an event the organization runs (ADR 76). A question is a reply to the event's announcement
/// post, so the staff inbox files it as an event question and staff answer it in that thread as the organization
/// (ADR 65, 66). Asked openly it keeps the post's audience (public, members or the group's thread): the event's own;
/// asked privately it is a direct message to the organization's account, still a reply to the post, so it names the
/// event and only the member and the organization see it.
/// </summary>
public sealed class OrganizerQuestions(KindredDbContext db, OrganizationSettings settings, StatusService statuses)
{
    public const int MaxText = 1000;

    /// <summary>Whether <paramref name="viewerId"/> may ask the organization about the event: it runs the event, the
    /// event has its announcement post, and the viewer sees both and is not the organization.</summary>
    public async Task<bool> MayAskAsync(long? viewerId, long eventId, CancellationToken ct = default) =>
        viewerId is { } id && await TargetAsync(id, eventId, ct) is not null;

    /// <summary>Posts the member's question; NotFound when they may not ask about this event.</summary>
    public async Task<Status> AskAsync(long memberId, long eventId, string? text, bool privately, string baseUrl, CancellationToken ct = default)
    {
        var question = text?.Trim() ?? "";
        if (question.Length == 0)
        {
            throw KindredException.Invalid("question", "Write your question.");
        }
        if (question.Length > MaxText)
        {
            throw KindredException.Invalid("question", $"A question is at most {MaxText} characters.");
        }
        var target = await TargetAsync(memberId, eventId, ct) ?? throw KindredException.NotFound();
        var input = privately
            ? new NewStatus($"@{target.Organization} {question}", baseUrl, Audience.Direct, InReplyToId: target.StatusId)
            : new NewStatus(question, baseUrl, target.Visibility, InReplyToId: target.StatusId);
        return await statuses.CreateAsync(memberId, input, ct);
    }

    private async Task<Target?> TargetAsync(long viewerId, long eventId, CancellationToken ct)
    {
        if ((await settings.GetAsync(ct)).AccountId is not { } organizationId || organizationId == viewerId)
        {
            return null;
        }
        var statusId = await db.Events.AsNoTracking().VisibleTo(db, Viewer.Member(viewerId))
            .Where(e => e.Id == eventId && e.OrganizerId == organizationId).Select(e => e.StatusId).FirstOrDefaultAsync(ct);
        if (statusId is not { } id)
        {
            return null;
        }
        var post = await db.Statuses.AsNoTracking().VisibleTo(db, Viewer.Member(viewerId)).Where(s => s.Id == id && s.DeletedAt == null)
            .Select(s => new { s.Visibility, Organization = s.Account.Username }).FirstOrDefaultAsync(ct);
        return post is null ? null : new Target(id, post.Visibility, post.Organization);
    }

    private sealed record Target(long StatusId, Audience Visibility, string Organization);
}
