using System.Globalization;
using System.Text;
using Kindred.Core.Common;

namespace Kindred.Core.Groups;

/// <summary>
/// The limits on what a group may hold, and the checks that turn bad input into a clear 422 before anything is written.
/// Pure functions, so the unit tests cover every limit without a database.
/// </summary>
public static class GroupRules
{
    public const int MaxName = 100;
    public const int MinSlug = 3;
    public const int MaxSlug = 60;
    public const int MaxDescription = 5_000;
    public const int MaxRules = 5_000;
    public const int MaxQuestions = 3;
    public const int MaxQuestion = 300;
    public const int MaxAnswer = 1_000;
    public const int MaxTags = 10;
    public const int MaxAreaName = 100;
    public const int MinRadiusKm = 1;
    public const int MaxRadiusKm = 500;
    public const int MaxBanReason = 500;

    // Path segments the group pages use beside /groups/{slug}, so a group can never shadow one of them.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "new", "mine", "near", "search", "suggested", "admin", "edit", "create", "directory", "invitations",
    };

    public static string Name(string? name)
    {
        var clean = (name ?? "").Trim();
        if (clean.Length == 0)
        {
            throw KindredException.Invalid("name", "The group needs a name.");
        }
        if (clean.Length > MaxName)
        {
            throw KindredException.Invalid("name", $"The name is too long (at most {MaxName} characters).");
        }
        return clean;
    }

    /// <summary>Checks a slug someone chose: 3–60 characters of a–z, 0–9 and '-', not a reserved word.</summary>
    public static string Slug(string slug)
    {
        var clean = slug.Trim().ToLowerInvariant();
        if (clean.Length < MinSlug || clean.Length > MaxSlug)
        {
            throw KindredException.Invalid("slug", $"The group's address needs {MinSlug} to {MaxSlug} characters.");
        }
        if (!clean.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || clean.StartsWith('-') || clean.EndsWith('-'))
        {
            throw KindredException.Invalid("slug", "The group's address may use only letters a–z, digits and hyphens, and may not start or end with a hyphen.");
        }
        if (Reserved.Contains(clean))
        {
            throw KindredException.Invalid("slug", $"\"{clean}\" is reserved; choose another address.");
        }
        return clean;
    }

    /// <summary>
    /// A slug made from a name: accents folded, anything else a hyphen, cut to the limit. Names with no Latin letters or
    /// digits (or a reserved word) give "group", which the service then makes unique.
    /// </summary>
    public static string SlugFromName(string name)
    {
        var decomposed = TagNames.WellFormed(name).Trim().ToLowerInvariant().Normalize(NormalizationForm.FormKD);
        var slug = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                slug.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        if (result.Length > MaxSlug)
        {
            result = result[..MaxSlug].TrimEnd('-');
        }
        return result.Length < MinSlug || Reserved.Contains(result) ? "group" : result;
    }

    public static string Description(string? text) => Text(text, MaxDescription, "description", "The description");

    public static string RulesText(string? text) => Text(text, MaxRules, "rules", "The rules");

    public static string? AreaName(string? area)
    {
        var clean = (area ?? "").Trim();
        if (clean.Length > MaxAreaName)
        {
            throw KindredException.Invalid("area_name", $"The area name is too long (at most {MaxAreaName} characters).");
        }
        return clean.Length == 0 ? null : clean;
    }

    public static int Radius(int radiusKm)
    {
        if (radiusKm is < MinRadiusKm or > MaxRadiusKm)
        {
            throw KindredException.Invalid("radius_km", $"The radius must be between {MinRadiusKm} and {MaxRadiusKm} km.");
        }
        return radiusKm;
    }

    /// <summary>Blank questions are dropped; at most three remain, each at most 300 characters.</summary>
    public static List<string> Questions(IReadOnlyList<string> questions)
    {
        var clean = questions.Select(q => (q ?? "").Trim()).Where(q => q.Length > 0).ToList();
        if (clean.Count > MaxQuestions)
        {
            throw KindredException.Invalid("questions", $"Ask at most {MaxQuestions} questions.");
        }
        if (clean.Any(q => q.Length > MaxQuestion))
        {
            throw KindredException.Invalid("questions", $"A question is too long (at most {MaxQuestion} characters).");
        }
        return clean;
    }

    /// <summary>The answers to a group's questions: no more answers than questions, each at most 1000 characters.</summary>
    public static string[] Answers(IReadOnlyList<string>? answers, int questionCount)
    {
        var clean = (answers ?? []).Select(a => (a ?? "").Trim()).ToList();
        if (clean.Skip(questionCount).Any(a => a.Length > 0))
        {
            throw KindredException.Invalid("answers", $"This group asks {questionCount} question(s); there are more answers than that.");
        }
        if (clean.Any(a => a.Length > MaxAnswer))
        {
            throw KindredException.Invalid("answers", $"An answer is too long (at most {MaxAnswer} characters).");
        }
        var result = new string[MaxQuestions];
        for (var i = 0; i < MaxQuestions; i++)
        {
            result[i] = i < clean.Count ? clean[i] : "";
        }
        return result;
    }

    /// <summary>Interest tags normalized like profile interests (<see cref="TagNames"/>), duplicates merged, at most ten.</summary>
    public static List<(string Name, string Display)> Tags(IReadOnlyList<string> tags)
    {
        var result = new List<(string Name, string Display)>();
        foreach (var raw in tags)
        {
            var display = (raw ?? "").Trim().TrimStart('#');
            if (display.Length == 0)
            {
                continue;
            }
            var name = TagNames.Normalize(display);
            if (name.Length == 0 || display.Length > TagNames.MaxLength)
            {
                throw KindredException.Invalid("tags", $"\"{(display.Length > 30 ? display[..30] + "…" : display)}\" is not a usable tag: letters, digits and underscores, {TagNames.MaxLength} at most.");
            }
            if (result.All(t => t.Name != name))
            {
                result.Add((name, display));
            }
        }
        if (result.Count > MaxTags)
        {
            throw KindredException.Invalid("tags", $"Choose at most {MaxTags} tags.");
        }
        return result;
    }

    public static string BanReason(string? reason)
    {
        var clean = (reason ?? "").Trim();
        if (clean.Length > MaxBanReason)
        {
            throw KindredException.Invalid("reason", $"The reason is too long (at most {MaxBanReason} characters).");
        }
        return clean;
    }

    private static string Text(string? text, int max, string field, string what)
    {
        var clean = (text ?? "").Trim();
        if (clean.Length > max)
        {
            throw KindredException.Invalid(field, $"{what} is too long (at most {max} characters).");
        }
        return clean;
    }
}
