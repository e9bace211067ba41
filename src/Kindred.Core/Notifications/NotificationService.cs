using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Notifications;

/// <summary>Dismissing notifications. Creating them happens inside each action, through <see cref="Notify"/>.</summary>
public sealed class NotificationService(KindredDbContext db)
{
    public async Task DismissAsync(long accountId, long id, CancellationToken ct = default)
    {
        if (await db.Notifications.Where(n => n.AccountId == accountId && n.Id == id).ExecuteDeleteAsync(ct) == 0)
        {
            throw KindredException.NotFound();
        }
    }

    public Task ClearAsync(long accountId, CancellationToken ct = default) =>
        db.Notifications.Where(n => n.AccountId == accountId).ExecuteDeleteAsync(ct);
}
