namespace Kindred.Data.Search;

/// <summary>
/// The words a built-in category of help is found by, in English and French (ADR 87). The pages translate built-in
/// categories by slug from the text resources, which the database cannot read, so both indexes get these words from
/// here: "childcare" and "garde d'enfants" both find a childcare request whose title says neither. A category an admin
/// named is found by its name as well. Changing these words needs a migration that refills the aid index.
/// </summary>
public static class CategoryWords
{
    public static readonly IReadOnlyDictionary<string, string> BySlug = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["childcare"] = "childcare garde enfants",
        ["shelter"] = "shelter housing hebergement logement",
        ["food"] = "food alimentation nourriture",
        ["transport"] = "transport",
        ["listening"] = "listening moral support ecoute soutien",
        ["errands"] = "errands courses",
        ["skills"] = "skills competences",
        ["other"] = "",
    };

    /// <summary>A SQL expression (the same on SQLite and PostgreSQL) for the words of the category whose slug is
    /// <paramref name="slug"/>: a CASE over the built-in slugs.</summary>
    public static string SqlCase(string slug) =>
        "CASE " + slug + " " + string.Concat(BySlug.Where(p => p.Value.Length > 0).Select(p => $"WHEN '{p.Key}' THEN '{p.Value}' ")) + "ELSE '' END";
}
