using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Places;

/// <summary>
/// Admins add, change, remove and import the organization's places (ADR 88), each change audited in its own save.
/// Centres are rounded like every stored location. Items that chose a place keep the name and centre they copied:
/// moving a place never moves a member's settled origin behind their back (ADR 43).
/// </summary>
public sealed class PlaceService(KindredDbContext db, AuditLog audit, PlaceGeocoder geocoder, TimeProvider time)
{
    public const int MaxPlaces = 20_000;

    public async Task<Place> AddAsync(long actorId, PlaceInput input, CancellationToken ct = default)
    {
        await RequireAdminAsync(actorId, ct);
        var name = Name(input.Name);
        await CheckParentAsync(input.ParentId, null, ct);
        await CheckUniqueAsync(name, input.ParentId, null, ct);
        if (await db.Places.CountAsync(ct) >= MaxPlaces)
        {
            throw KindredException.Invalid("name", $"There can be at most {MaxPlaces} places; remove some first.");
        }
        var (lat, lon) = await CentreAsync(input, name, ct);
        var now = time.UtcNow();
        var place = new Place
        {
            Id = Snowflake.NewId(now),
            Name = name,
            Kind = input.Kind,
            ParentId = input.ParentId,
            Latitude = lat,
            Longitude = lon,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Places.Add(place);
        audit.Add(actorId, AuditActions.PlaceAdd, AuditTarget.Place(place.Id), $"Added the place {name}.", null, Describe(place));
        await db.SaveChangesAsync(ct);
        return place;
    }

    public async Task<Place> UpdateAsync(long actorId, long id, PlaceInput input, CancellationToken ct = default)
    {
        await RequireAdminAsync(actorId, ct);
        var place = await db.Places.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw KindredException.NotFound();
        var name = Name(input.Name);
        await CheckParentAsync(input.ParentId, id, ct);
        await CheckUniqueAsync(name, input.ParentId, id, ct);
        var before = Describe(place);
        var (lat, lon) = input.Latitude is null && input.Longitude is null ? (place.Latitude, place.Longitude) : await CentreAsync(input, name, ct);
        place.Name = name;
        place.Kind = input.Kind;
        place.ParentId = input.ParentId;
        place.Latitude = lat;
        place.Longitude = lon;
        var after = Describe(place);
        if (after != before)
        {
            place.UpdatedAt = time.UtcNow();
            audit.Add(actorId, AuditActions.PlaceUpdate, AuditTarget.Place(place.Id), $"Changed the place {name}.", before, after);
        }
        await db.SaveChangesAsync(ct);
        return place;
    }

    /// <summary>Removes the place; places inside it lose their parent, and items that chose it keep its name and centre.</summary>
    public async Task DeleteAsync(long actorId, long id, CancellationToken ct = default)
    {
        await RequireAdminAsync(actorId, ct);
        var place = await db.Places.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw KindredException.NotFound();
        await db.Places.Where(p => p.ParentId == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ParentId, (long?)null), ct);
        db.Places.Remove(place);
        audit.Add(actorId, AuditActions.PlaceDelete, AuditTarget.Place(place.Id), $"Removed the place {place.Name}.", Describe(place), null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds every row of a CSV or GeoNames file, or none: any bad row (reported with its line) refuses the whole file.
    /// A parent names a place already defined or one earlier in the file.
    /// </summary>
    public async Task<PlaceImportResult> ImportAsync(long actorId, string text, CancellationToken ct = default)
    {
        await RequireAdminAsync(actorId, ct);
        var rows = PlaceFile.Read(text);
        var existing = await db.Places.AsNoTracking().Select(p => new { p.Id, p.Name, p.ParentId }).ToListAsync(ct);
        var byName = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var p in existing)
        {
            Remember(byName, p.Name, p.Id);
        }
        var taken = existing.Select(p => (PlaceNames.Fold(p.Name), p.ParentId)).ToHashSet();
        var errors = rows.Where(r => r.Error is not null).Select(r => new PlaceImportError(r.Line, r.Error!)).ToList();
        if (existing.Count + rows.Count > MaxPlaces)
        {
            errors.Add(new PlaceImportError(0, $"There can be at most {MaxPlaces} places."));
        }
        var now = time.UtcNow();
        var added = new List<Place>();
        foreach (var row in rows.Where(r => r.Error is null))
        {
            long? parentId = null;
            if (row.Parent is { } parentName)
            {
                var matches = byName.GetValueOrDefault(PlaceNames.Fold(parentName)) ?? [];
                if (matches.Count != 1)
                {
                    errors.Add(new PlaceImportError(row.Line, matches.Count == 0
                        ? $"The parent \"{parentName}\" is not a place yet (it may come earlier in the file)."
                        : $"The parent \"{parentName}\" names more than one place."));
                    continue;
                }
                parentId = matches[0];
            }
            if (!taken.Add((PlaceNames.Fold(row.Name), parentId)))
            {
                errors.Add(new PlaceImportError(row.Line, $"There is already a place called \"{row.Name}\" there."));
                continue;
            }
            var place = new Place
            {
                Id = Snowflake.NewId(now),
                Name = row.Name,
                Kind = row.Kind,
                ParentId = parentId,
                Latitude = row.Latitude,
                Longitude = row.Longitude,
                CreatedAt = now,
                UpdatedAt = now,
            };
            Remember(byName, place.Name, place.Id);
            added.Add(place);
        }
        if (errors.Count > 0)
        {
            return new PlaceImportResult(0, errors.OrderBy(e => e.Line).ToList());
        }
        db.Places.AddRange(added);
        audit.Add(actorId, AuditActions.PlaceImport, null, $"Imported {added.Count} places.");
        await db.SaveChangesAsync(ct);
        return new PlaceImportResult(added.Count, []);
    }

    private static void Remember(Dictionary<string, List<long>> byName, string name, long id)
    {
        var key = PlaceNames.Fold(name);
        if (!byName.TryGetValue(key, out var ids))
        {
            byName[key] = ids = [];
        }
        ids.Add(id);
    }

    private async Task<(double Lat, double Lon)> CentreAsync(PlaceInput input, string name, CancellationToken ct)
    {
        if (input.Latitude is { } lat && input.Longitude is { } lon)
        {
            return CoarseLocation.Round(lat, lon);
        }
        if (input.Latitude is not null || input.Longitude is not null)
        {
            throw KindredException.Invalid("latitude", "Give both the latitude and the longitude of the centre, or neither.");
        }
        // Only an admin's explicit lookup reaches the geocoder, and only when the operator configured one.
        if (!geocoder.Enabled)
        {
            throw KindredException.Invalid("latitude", "Give the latitude and longitude of the place's centre.");
        }
        var found = await geocoder.LookUpAsync(name, ct)
            ?? throw KindredException.Invalid("latitude", "The geocoder did not find this place; give its latitude and longitude.");
        return CoarseLocation.Round(found.Lat, found.Lon);
    }

    private async Task CheckParentAsync(long? parentId, long? self, CancellationToken ct)
    {
        if (parentId is not { } id)
        {
            return;
        }
        // Walking up from the parent must never reach the place itself, or the chain would loop.
        var seen = new HashSet<long>();
        long? at = id;
        while (at is { } current)
        {
            if (current == self || !seen.Add(current))
            {
                throw KindredException.Invalid("parent", "A place cannot lie inside itself.");
            }
            var row = await db.Places.AsNoTracking().Where(p => p.Id == current).Select(p => new { p.ParentId }).FirstOrDefaultAsync(ct)
                ?? throw KindredException.Invalid("parent", "Choose one of the places as the parent.");
            at = row.ParentId;
        }
    }

    private async Task CheckUniqueAsync(string name, long? parentId, long? self, CancellationToken ct)
    {
        var folded = PlaceNames.Fold(name);
        var siblings = await db.Places.AsNoTracking().Where(p => p.ParentId == parentId && p.Id != self).Select(p => p.Name).ToListAsync(ct);
        if (siblings.Any(s => PlaceNames.Fold(s) == folded))
        {
            throw KindredException.Invalid("name", $"There is already a place called \"{name}\" there.");
        }
    }

    private async Task RequireAdminAsync(long actorId, CancellationToken ct)
    {
        var role = await db.Users.Active().Where(u => u.Id == actorId).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct);
        if (role is not { } r || !Roles.CanAdminister(r))
        {
            throw KindredException.Forbidden("Only administrators manage places.");
        }
    }

    internal static string Name(string? name)
    {
        var clean = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length == 0)
        {
            throw KindredException.Invalid("name", "Give the place a name.");
        }
        if (clean.Length > PlaceNames.MaxName)
        {
            throw KindredException.Invalid("name", $"The name is too long (at most {PlaceNames.MaxName} characters).");
        }
        return clean;
    }

    private static string Describe(Place place) =>
        FormattableString.Invariant($"{place.Name} ({place.Kind}) at {place.Latitude:0.00}, {place.Longitude:0.00}{(place.ParentId is { } p ? $", inside {p}" : "")}");
}
