namespace Kindred.Server.Web.Groups;

/// <summary>The join form: the rules accepted, and the answers to the group's questions (groups with approval).</summary>
public sealed class JoinInput
{
    public bool AcceptRules { get; set; }
    public string? Answer1 { get; set; }
    public string? Answer2 { get; set; }
    public string? Answer3 { get; set; }
}
