namespace Kindred.Server.Web.Safeguarding;

/// <summary>The grant form of the vetted-helpers page; the day stays text so a bad date is the service's form error.</summary>
public sealed class VettedHelperInput
{
    public string? Username { get; set; }

    /// <summary>yyyy-mm-dd, as a date input sends it.</summary>
    public string? VettedOn { get; set; }

    public string? Note { get; set; }

    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["username"] = nameof(Username),
        ["vetted_on"] = nameof(VettedOn),
        ["note"] = nameof(Note),
    };
}
