using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Aid;

/// <summary>
/// The limits on what an aid item may hold, and the checks that turn bad input into a clear 422 before anything is
/// written. Pure functions, so unit tests cover every limit without a database.
/// </summary>
public static class AidRules
{
    public const int MaxTitle = 120;
    public const int MaxDescription = 5_000;
    public const int MaxAreaName = 100;
    public const int DefaultOpenDays = 30;
    public const int MaxOpenDays = 90;

    /// <summary>21 bits: seven days × morning, afternoon, evening.</summary>
    public const int FullAvailability = (1 << 21) - 1;

    public static string Title(string? title)
    {
        var clean = (title ?? "").Trim();
        if (clean.Length == 0)
        {
            throw KindredException.Invalid("title", "Say in a few words what this is about.");
        }
        if (clean.Length > MaxTitle)
        {
            throw KindredException.Invalid("title", $"The title is too long (at most {MaxTitle} characters).");
        }
        return clean;
    }

    public static string Description(string? text)
    {
        var clean = (text ?? "").Trim();
        if (clean.Length > MaxDescription)
        {
            throw KindredException.Invalid("description", $"The description is too long (at most {MaxDescription} characters).");
        }
        return clean;
    }

    public static string? AreaName(string? area)
    {
        var clean = (area ?? "").Trim();
        if (clean.Length > MaxAreaName)
        {
            throw KindredException.Invalid("area_name", $"The area name is too long (at most {MaxAreaName} characters).");
        }
        return clean.Length == 0 ? null : clean;
    }

    public static int Availability(int mask)
    {
        if (mask < 0 || mask > FullAvailability)
        {
            throw KindredException.Invalid("availability", "That availability is not a valid set of days and times.");
        }
        return mask;
    }

    public static int OpenForDays(int days)
    {
        if (days is < 1 or > MaxOpenDays)
        {
            throw KindredException.Invalid("open_for_days", $"An item stays open between 1 and {MaxOpenDays} days.");
        }
        return days;
    }

    /// <summary>The date window must not end before it starts, nor end in the past.</summary>
    public static void Window(DateOnly? startsOn, DateOnly? endsOn, DateOnly today)
    {
        if (startsOn is { } s && endsOn is { } e && e < s)
        {
            throw KindredException.Invalid("ends_on", "The last day comes before the first.");
        }
        if (endsOn is { } end && end < today)
        {
            throw KindredException.Invalid("ends_on", "The last day is already past.");
        }
    }

    /// <summary>The combinations that are never allowed, whatever else is right.</summary>
    public static void Audience(AidAudience audience, long? groupId, bool sensitive)
    {
        if (audience == AidAudience.Public && sensitive)
        {
            throw KindredException.Invalid("audience", "A sensitive item cannot be public; choose members, a group or vetted helpers.");
        }
        if (audience == AidAudience.Group && groupId is null)
        {
            throw KindredException.Invalid("group_id", "Choose the group that should see this.");
        }
        if (audience != AidAudience.Group && groupId is not null)
        {
            throw KindredException.Invalid("group_id", "A group is given only when the audience is a group.");
        }
    }
}
