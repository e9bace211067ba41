using Kindred.Data.Entities;

namespace Kindred.Core.Statuses;

/// <summary>
/// Statuses a timeline page already loaded with their details, kept for the rest of the request so that rendering the
/// page's boosts does not load their originals a second time (ADR 39). It decides nothing about who may read what: the
/// renderer asks it only for the originals of boosts it was given.
/// </summary>
public sealed class StatusPrefetch
{
    private readonly Dictionary<long, Status> loaded = [];

    public void Remember(IEnumerable<Status> statuses)
    {
        foreach (var status in statuses)
        {
            loaded[status.Id] = status;
        }
    }

    public bool TryGet(long id, out Status status) => loaded.TryGetValue(id, out status!);
}
