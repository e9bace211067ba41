namespace Kindred.Data.Entities;

/// <summary>
/// A kind of help (childcare, shelter and housing, …). The built-in ones have a <see cref="Slug"/> the interface
/// translates and no <see cref="Name"/>; categories admins add carry the name they wrote.
/// </summary>
public class AidCategory
{
    public long Id { get; set; }
    /// <summary>A stable lower-case key used in URLs and the API (childcare, shelter, food, …).</summary>
    public required string Slug { get; set; }
    /// <summary>The name an admin gave a category they added; null for the built-in ones, which are translated.</summary>
    public string? Name { get; set; }
    public int Position { get; set; }
    /// <summary>Archived categories stay on old items but are no longer offered for new ones.</summary>
    public bool Archived { get; set; }
}
