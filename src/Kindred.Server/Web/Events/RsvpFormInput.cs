using Kindred.Data.Entities;

namespace Kindred.Server.Web.Events;

/// <summary>The RSVP form on an event's page: the answer, the answers to the questions, and the occurrence it is for.</summary>
public sealed class RsvpFormInput
{
    public RsvpResponse Response { get; set; } = RsvpResponse.Going;
    public string? Answer1 { get; set; }
    public string? Answer2 { get; set; }
    public string? Answer3 { get; set; }

    /// <summary>The occurrence's start as <see cref="EventTimes.Iso"/> writes it; blank for the next one.</summary>
    public string? At { get; set; }

    public IReadOnlyList<string> Answers => [Answer1 ?? "", Answer2 ?? "", Answer3 ?? ""];
}
