namespace Kindred.Server.Web.Safeguarding;

/// <summary>A safeguarding lead's review of an escalation, as posted by the review form.</summary>
public sealed class EscalationReviewInput
{
    public string? Note { get; set; }

    /// <summary>"resume" or "close".</summary>
    public string? Action { get; set; }

    public bool CloseItem { get; set; }

    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["note"] = nameof(Note),
        ["action"] = nameof(Action),
        ["close_item"] = nameof(CloseItem),
    };
}
