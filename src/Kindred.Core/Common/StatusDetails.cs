using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Common;

/// <summary>What every feature that shows statuses loads with them (statuses, conversations, polls, lists, streams, the
/// public face): one place, so a renderer never meets a status without its author or mentions.</summary>
public static class StatusDetails
{
    /// <summary>Statuses with what rendering needs: the author (user, fields, tags), mentions and hashtags.</summary>
    public static IQueryable<Status> WithDetails(this IQueryable<Status> statuses) =>
        statuses
            .Include(s => s.Account).ThenInclude(a => a.User)
            .Include(s => s.Account).ThenInclude(a => a.Fields)
            .Include(s => s.Account).ThenInclude(a => a.Tags)
            .Include(s => s.Mentions)
            .Include(s => s.Tags).ThenInclude(t => t.Tag)
            .AsSplitQuery();
}
