using System.Globalization;
using Kindred.Core.Common;
using Kindred.Data.Entities;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Aid;

/// <summary>The words the aid pages use for categories, kinds, urgencies, audiences and states, in the reader's language.</summary>
public static class AidLabels
{
    /// <summary>A built-in category is translated by slug; one an admin named (or renamed) shows that name.</summary>
    public static string Category(IStringLocalizer t, AidCategory category) => category.Name ?? category.Slug switch
    {
        "childcare" => t["Childcare"],
        "shelter" => t["Shelter and housing"],
        "food" => t["Food"],
        "transport" => t["Transport"],
        "listening" => t["Listening and moral support"],
        "errands" => t["Errands"],
        "skills" => t["Skills"],
        "other" => t["Other"],
        _ => category.Slug,
    };

    public static string Kind(IStringLocalizer t, AidKind kind) => kind == AidKind.Request ? t["Request for help"] : t["Offer of help"];

    public static string Urgency(IStringLocalizer t, AidUrgency urgency) => urgency switch
    {
        AidUrgency.Low => t["Not urgent"],
        AidUrgency.High => t["Soon"],
        AidUrgency.Urgent => t["Urgent"],
        _ => t["Normal"],
    };

    public static string Audience(IStringLocalizer t, AidAudience audience) => audience switch
    {
        AidAudience.Group => t["A group"],
        AidAudience.VettedHelpers => t["Vetted helpers only"],
        AidAudience.Public => t["Everyone, also people who are not members"],
        _ => t["All members"],
    };

    public static string State(IStringLocalizer t, AidItemState state) => state switch
    {
        AidItemState.InProgress => t["In progress"],
        AidItemState.Fulfilled => t["Fulfilled"],
        AidItemState.Closed => t["Closed"],
        AidItemState.Expired => t["Expired"],
        _ => t["Open"],
    };

    /// <summary>A distance band (ADR 43) as words: "under 5 km away", "5 to 15 km away", "more than 150 km away".</summary>
    public static string Distance(IStringLocalizer t, DistanceBand band) => band switch
    {
        { Index: 0, UpperKm: { } upper } => t["under {0} km away", upper],
        { UpperKm: { } upper } => t["{0} to {1} km away", band.LowerKm, upper],
        _ => t["more than {0} km away", band.LowerKm],
    };

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>The weekly availability mask (ADR 27) as "Monday morning, Tuesday evening …", or "any time".</summary>
    public static string Availability(IStringLocalizer t, int mask)
    {
        if (mask == 0)
        {
            return t["Any time"];
        }
        string[] parts = [t["morning"], t["afternoon"], t["evening"]];
        var days = CultureInfo.CurrentCulture.DateTimeFormat.DayNames;
        var words = new List<string>();
        for (var day = 0; day < 7; day++)
        {
            for (var part = 0; part < 3; part++)
            {
                if ((mask & (1 << ((day * 3) + part))) != 0)
                {
                    // Bit 0 is Monday; DayNames starts on Sunday.
                    words.Add($"{days[(day + 1) % 7]} {parts[part]}");
                }
            }
        }
        return string.Join(", ", words);
    }
}
