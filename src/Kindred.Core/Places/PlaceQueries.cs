using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Places;

/// <summary>
/// Reads the organization's places (ADR 88). A charity defines tens to a few thousand, so the list is read whole and
/// matched in C#; pickers, the lookup page and the forms that turn a typed name into a place all come here.
/// </summary>
public sealed class PlaceQueries(KindredDbContext db)
{
    /// <summary>Up to this many places, pickers are a plain select; beyond it, a text box with suggestions and a lookup page.</summary>
    public const int SelectLimit = 30;

    /// <summary>The most suggestions a text box carries in its datalist, and the most matches a lookup lists.</summary>
    public const int MaxSuggestions = 200;

    public async Task<IReadOnlyList<PlaceView>> AllAsync(CancellationToken ct = default)
    {
        var rows = await db.Places.AsNoTracking()
            .Select(p => new PlaceView(p.Id, p.Name, p.Kind, p.ParentId, p.Parent != null ? p.Parent.Name : null, p.Latitude, p.Longitude))
            .ToListAsync(ct);
        return rows.OrderBy(p => PlaceNames.Fold(p.Label), StringComparer.Ordinal).ThenBy(p => p.Id).ToList();
    }

    public Task<int> CountAsync(CancellationToken ct = default) => db.Places.CountAsync(ct);

    public async Task<PlaceView?> FindAsync(long id, CancellationToken ct = default) =>
        (await AllAsync(ct)).FirstOrDefault(p => p.Id == id);

    /// <summary>Places whose name or label starts with the text first, then those that contain it; at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<PlaceView>> SearchAsync(string? text, int limit = MaxSuggestions, CancellationToken ct = default)
    {
        var all = await AllAsync(ct);
        var folded = PlaceNames.Fold(text ?? "");
        if (folded.Length == 0)
        {
            return all.Take(limit).ToList();
        }
        return Match(all, folded).Take(limit).ToList();
    }

    /// <summary>
    /// The place a form's area field names. Null when there is nothing to choose: the field is empty, it still holds the
    /// item's current area (<paramref name="current"/>), or the organization has defined no places (the field then stays
    /// free text, as before places existed). Throws Invalid on <paramref name="field"/>, naming close matches, when the
    /// text names no place or more than one.
    /// </summary>
    public async Task<PlaceView?> ChooseAsync(string? typed, string? current, string field, CancellationToken ct = default)
    {
        var folded = PlaceNames.Fold(typed ?? "");
        if (folded.Length == 0 || (current is not null && folded == PlaceNames.Fold(current)))
        {
            return null;
        }
        var all = await AllAsync(ct);
        if (all.Count == 0)
        {
            return null;
        }
        var byLabel = all.Where(p => PlaceNames.Fold(p.Label) == folded).ToList();
        if (byLabel.Count == 1)
        {
            return byLabel[0];
        }
        var byName = all.Where(p => PlaceNames.Fold(p.Name) == folded).ToList();
        if (byName.Count == 1)
        {
            return byName[0];
        }
        var close = (byName.Count > 1 ? byName : Match(all, folded)).Take(5).Select(p => p.Label).ToList();
        throw KindredException.Invalid(field, close.Count == 0
            ? $"There is no place called \"{typed!.Trim()}\". Choose one of the organization's places."
            : $"Choose one place: {string.Join("; ", close)}.");
    }

    /// <summary>
    /// The area name and point a form stores for what its area field holds: a chosen place gives its label and centre;
    /// the item's current area, or free text where no places are defined, keeps the current point; an empty field clears both.
    /// </summary>
    public async Task<PlacePick> PickAsync(string? typed, string? currentArea, double? currentLatitude, double? currentLongitude, string field, CancellationToken ct = default)
    {
        if (await ChooseAsync(typed, currentArea, field, ct) is { } place)
        {
            return new PlacePick(place.Label, place.Latitude, place.Longitude);
        }
        var text = (typed ?? "").Trim();
        return text.Length == 0 ? new PlacePick("", null, null) : new PlacePick(text, currentLatitude, currentLongitude);
    }

    private static IEnumerable<PlaceView> Match(IReadOnlyList<PlaceView> all, string folded)
    {
        var starts = all.Where(p => PlaceNames.Fold(p.Name).StartsWith(folded, StringComparison.Ordinal) || PlaceNames.Fold(p.Label).StartsWith(folded, StringComparison.Ordinal));
        var contains = all.Where(p => PlaceNames.Fold(p.Label).Contains(folded, StringComparison.Ordinal));
        return starts.Concat(contains).Distinct();
    }
}
