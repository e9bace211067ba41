namespace Kindred.Data.Entities;

/// <summary>A server rule shown at sign-up and through /api/v1/instance/rules.</summary>
public class InstanceRule
{
    public long Id { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public string Hint { get; set; } = "";
}
