using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Staff;

namespace Kindred.Server.Web.Staff;

/// <summary>
/// The people list's address parameters, read the same way by the page and its CSV download, so the download is
/// exactly the list on screen. Days are UTC days (yyyy-MM-dd); a "to" day is included.
/// </summary>
public static class PeopleQuery
{
    public static readonly string[] Names = ["tag", "group", "area", "joined_from", "joined_to", "active_from", "active_to", "lapsed", "never_engaged", "max_id"];

    public static PeopleFilter Read(IQueryCollection query) => new(
        Tag: Text(query, "tag"),
        Group: Text(query, "group"),
        Area: Text(query, "area"),
        JoinedFrom: Day(query, "joined_from"),
        JoinedTo: Day(query, "joined_to")?.AddDays(1),
        ActiveFrom: Day(query, "active_from"),
        ActiveTo: Day(query, "active_to")?.AddDays(1),
        LapsedDays: Number(query, "lapsed", PeopleQueries.MaxLapsedDays),
        NeverEngaged: Flag(query, "never_engaged"),
        MaxId: Ids.Optional(query["max_id"].ToString(), "max_id"));

    /// <summary>The query string again without the page bound, for the CSV link and the next page's link.</summary>
    public static string Without(IQueryCollection query, string name) =>
        QueryString.Create(query.Where(q => q.Key != name && Names.Contains(q.Key) && !string.IsNullOrEmpty(q.Value.ToString()))
            .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))).ToString();

    private static string? Text(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } value ? value : null;

    private static DateTime? Day(IQueryCollection query, string name)
    {
        var value = query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            : throw KindredException.Invalid(name, "Enter a day as yyyy-mm-dd.");
    }

    private static int? Number(IQueryCollection query, string name, int max)
    {
        var value = query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 && number <= max
            ? number
            : throw KindredException.Invalid(name, $"Enter a number of days from 1 to {max}.");
    }

    private static bool Flag(IQueryCollection query, string name) =>
        query[name].ToString() switch
        {
            "" or "false" or "0" => false,
            "true" or "1" or "on" => true,
            _ => throw KindredException.Invalid(name, "Use true or false."),
        };
}
