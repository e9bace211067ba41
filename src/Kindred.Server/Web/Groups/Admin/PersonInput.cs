namespace Kindred.Server.Web.Groups.Admin;

/// <summary>Someone named by username, a reason (bans) and a confirmation (transfer, delete).</summary>
public sealed class PersonInput
{
    public string? Username { get; set; }
    public string? Reason { get; set; }
    public bool Confirm { get; set; }
}
