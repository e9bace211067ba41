namespace Kindred.Server.Web.Posts;

/// <summary>The composer's fields, as posted.</summary>
public sealed class ComposeInput
{
    public string Text { get; set; } = "";
    public string? SpoilerText { get; set; }
    public string Visibility { get; set; } = "";
}
