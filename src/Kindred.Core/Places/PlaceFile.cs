using System.Globalization;
using CsvHelper;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Places;

/// <summary>
/// Reads an import file of places (ADR 88). Two shapes are accepted:
/// <list type="bullet">
/// <item>CSV with the columns name, latitude, longitude, then optionally parent and kind; a first row starting with
/// "name" is a header, and then the columns may come in any order.</item>
/// <item>GeoNames' tab-separated <c>cities</c> extracts (cities500.txt … cities15000.txt, no header): name in column 2,
/// latitude and longitude in 5 and 6, the feature code in 8 (PPLX is a neighbourhood, ADM… a region, other PPL… a
/// town); GeoNames has no parent column, so none is set.</item>
/// </list>
/// Lines are counted from 1 as the file's records, which are its lines unless a quoted field spans several.
/// </summary>
public static class PlaceFile
{
    public const int MaxChars = 5_000_000;
    public const int MaxRows = PlaceService.MaxPlaces;

    public static IReadOnlyList<PlaceFileRow> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxChars)
        {
            throw KindredException.Invalid("file", "The file is too large: at most 5 MB.");
        }
        var records = LooksLikeGeoNames(text) ? TabRecords(text) : CsvRecords(text);
        if (records.Count > MaxRows + 1)
        {
            throw KindredException.Invalid("file", "The file has too many rows.");
        }
        var rows = LooksLikeGeoNames(text) ? records.Select(GeoNamesRow).OfType<PlaceFileRow>().ToList() : CsvRows(records);
        if (rows.Count == 0)
        {
            throw KindredException.Invalid("file", "The file has no places.");
        }
        return rows;
    }

    // GeoNames rows start with a numeric id followed by a tab; a CSV of places starts with a name.
    private static bool LooksLikeGeoNames(string text)
    {
        var first = text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        var fields = first.Split('\t');
        return fields.Length >= 8 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    private static List<(int Line, string[] Fields)> TabRecords(string text) =>
        text.Split('\n').Select((line, i) => (i + 1, line.TrimEnd('\r').Split('\t').Select(f => f.Trim()).ToArray())).ToList();

    private static List<(int Line, string[] Fields)> CsvRecords(string text)
    {
        var records = new List<(int, string[])>();
        try
        {
            using var reader = CsvReader.Create(new StringReader(text), new CsvReaderOptions { HasHeader = false }, false);
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i).Trim();
                }
                records.Add((records.Count + 1, fields));
                if (records.Count > MaxRows + 1)
                {
                    break;
                }
            }
        }
        catch (CsvFormatException)
        {
            throw KindredException.Invalid("file", "This file is not a CSV file.");
        }
        return records;
    }

    private static List<PlaceFileRow> CsvRows(List<(int Line, string[] Fields)> records)
    {
        int name = 0, lat = 1, lon = 2, parent = 3, kind = 4;
        var rows = new List<PlaceFileRow>();
        foreach (var (line, fields) in records)
        {
            if (fields.All(f => f.Length == 0))
            {
                continue;
            }
            if (rows.Count == 0 && line == 1 && fields[0].Equals("name", StringComparison.OrdinalIgnoreCase))
            {
                var header = fields.Select(f => f.ToLowerInvariant()).ToList();
                (name, lat, lon, parent, kind) = (header.IndexOf("name"), Column(header, "latitude", "lat"), Column(header, "longitude", "lon", "lng"),
                    header.IndexOf("parent"), header.IndexOf("kind"));
                if (lat < 0 || lon < 0)
                {
                    throw KindredException.Invalid("file", "The header needs the columns name, latitude and longitude.");
                }
                continue;
            }
            rows.Add(Row(line, At(fields, name), At(fields, lat), At(fields, lon), At(fields, parent), At(fields, kind)));
        }
        return rows;
    }

    private static PlaceFileRow? GeoNamesRow((int Line, string[] Fields) record)
    {
        var (line, fields) = record;
        if (fields.All(f => f.Length == 0))
        {
            return null;
        }
        if (fields.Length < 8)
        {
            return Bad(line, At(fields, 1), "A GeoNames row has at least 8 tab-separated columns.");
        }
        var code = fields[7].ToUpperInvariant();
        var kind = code == "PPLX" ? "neighbourhood" : code.StartsWith("ADM", StringComparison.Ordinal) ? "region" : "town";
        return Row(line, fields[1], fields[4], fields[5], "", kind);
    }

    private static PlaceFileRow Row(int line, string name, string lat, string lon, string parent, string kind)
    {
        string clean;
        try
        {
            clean = PlaceService.Name(name);
        }
        catch (KindredException e)
        {
            return Bad(line, name, e.Message);
        }
        if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude) || !(latitude is >= -90 and <= 90))
        {
            return Bad(line, clean, "The latitude must be a number between -90 and 90, such as 45.46.");
        }
        if (!double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude) || !(longitude is >= -180 and <= 180))
        {
            return Bad(line, clean, "The longitude must be a number between -180 and 180, such as -73.57.");
        }
        if (Kind(kind) is not { } placeKind)
        {
            return Bad(line, clean, "The kind must be neighbourhood, town, postcode area or region.");
        }
        var (roundedLat, roundedLon) = CoarseLocation.Round(latitude, longitude);
        return new PlaceFileRow(line, clean, roundedLat, roundedLon, parent.Length == 0 ? null : parent, placeKind, null);
    }

    /// <summary>The kind a file names, in English or French; empty means a neighbourhood.</summary>
    public static PlaceKind? Kind(string text) => text.Trim().ToLowerInvariant().Replace('_', ' ').Replace('-', ' ') switch
    {
        "" or "neighbourhood" or "neighborhood" or "quartier" => PlaceKind.Neighbourhood,
        "town" or "city" or "village" or "ville" => PlaceKind.Town,
        "postcode area" or "postcode" or "postal code" or "code postal" => PlaceKind.PostcodeArea,
        "region" or "région" or "county" => PlaceKind.Region,
        _ => null,
    };

    private static int Column(List<string> header, params string[] names) => names.Select(n => header.IndexOf(n)).FirstOrDefault(i => i >= 0, -1);

    private static string At(string[] fields, int index) => index >= 0 && index < fields.Length ? fields[index] : "";

    private static PlaceFileRow Bad(int line, string name, string reason) => new(line, name, 0, 0, null, PlaceKind.Neighbourhood, reason);
}
