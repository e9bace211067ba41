namespace Kindred.Data.Entities;

/// <summary>One of up to four name/value pairs on a profile.</summary>
public class AccountField
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public required string Value { get; set; }
    public string ValueHtml { get; set; } = "";
}
