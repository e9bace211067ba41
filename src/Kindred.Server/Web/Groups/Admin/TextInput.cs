namespace Kindred.Server.Web.Groups.Admin;

/// <summary>One text (the rules) and the questions, as posted by the rules and questions pages.</summary>
public sealed class TextInput
{
    public string? Text { get; set; }
    public string? Question1 { get; set; }
    public string? Question2 { get; set; }
    public string? Question3 { get; set; }
}
