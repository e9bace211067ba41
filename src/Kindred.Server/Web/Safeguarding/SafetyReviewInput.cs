namespace Kindred.Server.Web.Safeguarding;

/// <summary>A safeguarding lead's decision on an "I feel unsafe" escalation about a conversation or a person (ADR 75).</summary>
public sealed class SafetyReviewInput
{
    public string? Note { get; set; }

    /// <summary>"resolve", "keep" or "refer".</summary>
    public string? Action { get; set; }

    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["note"] = nameof(Note),
        ["decision"] = nameof(Action),
    };
}
