namespace Kindred.Server.Web.Groups.Admin;

/// <summary>
/// The pictures form of the settings page. The files come from the multipart body itself (inputs "avatar" and "header");
/// <see cref="Remove"/> is the value of the remove button pressed, "avatar" or "header".
/// </summary>
public sealed class GroupImagesInput
{
    public string? Remove { get; set; }

    /// <summary>The core's field names mapped to the inputs, for errors beside them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["avatar"] = "Avatar",
        ["header"] = "Header",
    };
}
