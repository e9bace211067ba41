namespace Kindred.Server.Web.Safety;

/// <summary>"I feel unsafe" about a conversation or a person, as posted by its confirm page (ADR 75).</summary>
public sealed class UnsafeInput
{
    public string? Reason { get; set; }

    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string> { ["reason"] = nameof(Reason) };
}
