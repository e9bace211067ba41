namespace Kindred.Data.Entities;

public enum AccountTagKind
{
    Interest = 0,
    Skill = 1,
}

/// <summary>An interest or a skill on a profile, normalized so "Childcare" and "childcare" are one tag.</summary>
public class AccountTag
{
    public long AccountId { get; set; }
    public AccountTagKind Kind { get; set; }
    public required string Name { get; set; }
    public required string Display { get; set; }
}
