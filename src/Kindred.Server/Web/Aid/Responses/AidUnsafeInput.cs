namespace Kindred.Server.Web.Aid.Responses;

/// <summary>"I feel unsafe", as posted by its confirm page.</summary>
public sealed class AidUnsafeInput
{
    public string? Reason { get; set; }

    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string> { ["reason"] = nameof(Reason) };
}
