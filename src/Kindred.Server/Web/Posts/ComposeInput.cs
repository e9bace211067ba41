namespace Kindred.Server.Web.Posts;

/// <summary>The composer's fields, as posted. The image files themselves come from the multipart request
/// (<see cref="ComposerImages.FileField"/>), since form binding does not carry files.</summary>
public sealed class ComposeInput
{
    public string Text { get; set; } = "";
    public string? SpoilerText { get; set; }
    public string Visibility { get; set; } = "";

    /// <summary>The alt text of each image slot, by position.</summary>
    public List<string?>? ImageDescriptions { get; set; }

    /// <summary>No value: the name errors about the images are filed under.</summary>
    public string? Images { get; set; }
}
