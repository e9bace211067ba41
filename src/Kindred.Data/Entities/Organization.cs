namespace Kindred.Data.Entities;

/// <summary>The one organization this server belongs to; there is exactly one row once setup is done.</summary>
public class Organization
{
    public int Id { get; set; } = 1;
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public string DefaultLanguage { get; set; } = "en";
    public string? AreaName { get; set; }
    public string ContactEmail { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
