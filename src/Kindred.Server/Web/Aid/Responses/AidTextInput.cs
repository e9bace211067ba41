namespace Kindred.Server.Web.Aid.Responses;

/// <summary>A message, an answer's first message or thanks, as posted by the aid conversation forms.</summary>
public sealed class AidTextInput
{
    public string? Text { get; set; }

    /// <summary>Thanks only: the giver agrees to show them on the helper's profile.</summary>
    public bool Share { get; set; }

    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string> { ["text"] = nameof(Text) };
}
