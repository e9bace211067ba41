using Kindred.Server.KindredApi.Models;
namespace Kindred.Server.Mastodon.Models;

/// <summary>
/// A status's <c>pleroma.event</c> in Rebased's shape, so Soapbox shows an event card. <see cref="JoinState"/> is
/// "accept" for someone going, "pending" for someone on the waiting list, null otherwise; <see cref="ParticipationRequestCount"/>
/// is the waiting list, for the people managing the event. <see cref="Kindred"/> carries everything else.
/// </summary>
public sealed record PleromaEvent(
    string Name,
    string? StartTime,
    string? EndTime,
    string JoinMode,
    int ParticipantsCount,
    int ParticipationRequestCount,
    PleromaEventLocation? Location,
    string? JoinState,
    object? Banner,
    IReadOnlyList<object> Links,
    KindredEvent Kindred);
