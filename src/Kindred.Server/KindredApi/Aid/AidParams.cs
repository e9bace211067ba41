using System.Globalization;
using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon;

namespace Kindred.Server.KindredApi.Aid;

/// <summary>Reads an aid item's fields (snake_case, as the API returns them) from a form or JSON body into an <see cref="AidInput"/>.</summary>
public static class AidParams
{
    public static AidInput Input(MastodonParams input) => new()
    {
        Kind = Kind(input.Value("kind", 20)),
        Category = input.Value("category", 60),
        Title = input.Value("title", 1_000),
        Description = input.Value("description", 20_000),
        AreaName = input.Value("area_name", 500),
        Latitude = Coordinate(input.Number("latitude"), 90, "latitude"),
        Longitude = Coordinate(input.Number("longitude"), 180, "longitude"),
        ClearLocation = input.Bool("clear_location") ?? false,
        StartsOn = Date(input.Value("starts_on", 30), "starts_on"),
        EndsOn = Date(input.Value("ends_on", 30), "ends_on"),
        AvailabilityMask = input.WholeNumber("availability"),
        Urgency = Urgency(input.Value("urgency", 20)),
        Audience = Audience(input.Value("audience", 30)),
        GroupId = input.Id("group_id"),
        AnswerPolicy = AnswerPolicy(input.Value("answer_policy", 30)),
        Sensitive = input.Bool("sensitive"),
        OpenForDays = input.WholeNumber("open_for_days"),
    };

    public static AidKind? Kind(string? value) => value switch
    {
        null or "" => null,
        "request" => AidKind.Request,
        "offer" => AidKind.Offer,
        _ => throw KindredException.Invalid("kind", "kind must be request or offer."),
    };

    public static AidUrgency? Urgency(string? value) => value switch
    {
        null or "" => null,
        "low" => AidUrgency.Low,
        "normal" => AidUrgency.Normal,
        "high" => AidUrgency.High,
        "urgent" => AidUrgency.Urgent,
        _ => throw KindredException.Invalid("urgency", "urgency must be low, normal, high or urgent."),
    };

    public static AidAudience? Audience(string? value) => value switch
    {
        null or "" => null,
        "members" => AidAudience.Members,
        "group" => AidAudience.Group,
        "vetted_helpers" => AidAudience.VettedHelpers,
        "public" => AidAudience.Public,
        _ => throw KindredException.Invalid("audience", "audience must be members, group, vetted_helpers or public."),
    };

    public static AidAnswerPolicy? AnswerPolicy(string? value) => value switch
    {
        null or "" => null,
        "anyone" => AidAnswerPolicy.Anyone,
        "vetted_helpers" => AidAnswerPolicy.VettedHelpersOnly,
        _ => throw KindredException.Invalid("answer_policy", "answer_policy must be anyone or vetted_helpers."),
    };

    public static AidItemState? State(string? value, out bool any)
    {
        any = value == "any";
        return value switch
        {
            null or "" or "any" => null,
            "open" => AidItemState.Open,
            "in_progress" => AidItemState.InProgress,
            "fulfilled" => AidItemState.Fulfilled,
            "closed" => AidItemState.Closed,
            "expired" => AidItemState.Expired,
            _ => throw KindredException.Invalid("state", "state must be open, in_progress, fulfilled, closed, expired or any."),
        };
    }

    public static AidSort Sort(string? value) => value switch
    {
        null or "" or "newest" => AidSort.Newest,
        "urgency" => AidSort.Urgency,
        "distance" => AidSort.Distance,
        _ => throw KindredException.Invalid("sort", "sort must be newest, urgency or distance."),
    };

    private static DateOnly? Date(string? value, string field) =>
        string.IsNullOrEmpty(value) ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1900 and <= 2200 ? date
        : throw KindredException.Invalid(field, $"{field} must be a date written YYYY-MM-DD, between the years 1900 and 2200.");

    private static double? Coordinate(double? value, double max, string field) =>
        value is { } v && (v < -max || v > max) ? throw KindredException.Invalid(field, $"{field} must be between -{max} and {max}.") : value;
}
