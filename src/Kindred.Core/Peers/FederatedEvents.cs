using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Core.Federation;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Peers;

/// <summary>
/// Events on the federated read path (ADR 106): what a signed-out visitor may see of an event
/// (<see cref="EventQueries.GetAsync"/> as <see cref="Viewer.Anonymous"/>, so the street address and the online link
/// are already blank), narrowed to events that <see cref="FederationOutbox.Federates(Data.Entities.Event)"/> lets out
/// and whose organizer is a local active account. Members-only and group events are null, whoever asks.
/// </summary>
public sealed class FederatedEvents(KindredDbContext db, EventQueries events)
{
    public async Task<FederatedEvent?> EventAsync(long id, CancellationToken ct = default)
    {
        EventView view;
        try
        {
            view = await events.GetAsync(id, Viewer.Anonymous, ct: ct);
        }
        catch (KindredException)
        {
            return null;
        }
        if (!FederationOutbox.Federates(view.Event))
        {
            return null;
        }
        var organizer = await db.Accounts.AsNoTracking().Visible().Where(a => a.Id == view.Event.OrganizerId && a.Domain == null)
            .Select(a => a.Username).FirstOrDefaultAsync(ct);
        return organizer is null ? null : new FederatedEvent(view, organizer);
    }
}
