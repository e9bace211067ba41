using System.Globalization;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>Scheduled posts as Mastodon's ScheduledStatus, with the images waiting for them.</summary>
public sealed class ScheduledStatusRenderer(ScheduledStatusService scheduled, MediaRenderer media)
{
    public async Task<IReadOnlyList<MastodonScheduledStatus>> RenderManyAsync(IReadOnlyList<ScheduledStatus> rows, CancellationToken ct = default)
    {
        var images = await scheduled.MediaAsync(rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(row =>
        {
            var input = ScheduledStatusService.Read(row);
            // Listed in the order the author gave, as they will be attached.
            var order = (input.MediaIds ?? []).Select((id, i) => (id, i)).DistinctBy(x => x.id).ToDictionary(x => x.id, x => x.i);
            var waiting = images[row.Id].OrderBy(m => order.GetValueOrDefault(m.Id, int.MaxValue)).ToList();
            return new MastodonScheduledStatus(
                row.Id.ToString(CultureInfo.InvariantCulture),
                MastodonTime.Format(row.ScheduledAt),
                new MastodonScheduledStatusParams
                {
                    Text = input.Text,
                    Poll = input.Poll is { } poll
                        ? new MastodonScheduledPoll(poll.Options, poll.ExpiresInSeconds?.ToString(CultureInfo.InvariantCulture), poll.Multiple, poll.HideTotals)
                        : null,
                    MediaIds = input.MediaIds is { Count: > 0 } ids ? ids.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList() : null,
                    Sensitive = input.Sensitive,
                    SpoilerText = string.IsNullOrEmpty(input.SpoilerText) ? null : input.SpoilerText,
                    Visibility = StatusRenderer.WireVisibility(input.Visibility),
                    InReplyToId = input.InReplyToId?.ToString(CultureInfo.InvariantCulture),
                    Language = input.Language,
                    Idempotency = string.IsNullOrEmpty(input.IdempotencyKey) ? null : input.IdempotencyKey,
                },
                waiting.Select(m => media.Render(m)).ToList());
        }).ToList();
    }

    public async Task<MastodonScheduledStatus> RenderAsync(ScheduledStatus row, CancellationToken ct = default) =>
        (await RenderManyAsync([row], ct))[0];
}
