namespace Kindred.Server.Web.Statuses;

/// <summary>The composer's fields, as posted. The image files themselves come from the multipart request
/// (<see cref="ComposerImages.FileField"/>), since form binding does not carry files.</summary>
public sealed class ComposeInput
{
    public string Text { get; set; } = "";
    public string? SpoilerText { get; set; }
    public string Visibility { get; set; } = "";

    /// <summary>Who posts, for staff (ADR 65): <see cref="AsOrganization"/> for the organization's account, anything
    /// else for the staff member themselves.</summary>
    public string? PostAs { get; set; }

    public const string AsOrganization = "organization";

    /// <summary>The optional poll: up to four options (blank ones are left out), a duration and single or multiple choice.</summary>
    public string? PollOption1 { get; set; }
    public string? PollOption2 { get; set; }
    public string? PollOption3 { get; set; }
    public string? PollOption4 { get; set; }
    public int PollDuration { get; set; } = 86_400;
    public bool PollMultiple { get; set; }
    /// <summary>The alt text of each image slot, by position.</summary>
    public List<string?>? ImageDescriptions { get; set; }

    /// <summary>Empty to post now; else a date and time (the browser's datetime-local value, in the author's time zone)
    /// to publish at (ADR 78).</summary>
    public string? ScheduleAt { get; set; }

    /// <summary>No value: the name errors about the images are filed under.</summary>
    public string? Images { get; set; }
}
