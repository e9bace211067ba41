using Kindred.Server.Mastodon.Models;
namespace Kindred.Server.KindredApi.Models;

/// <summary>One person on an occurrence's attendee list (managers only): going, maybe or waitlisted, with answers.</summary>
public sealed record KindredAttendee(
    MastodonAccount Account,
    string Response,
    IReadOnlyList<KindredAnswer> Answers,
    string AnsweredAt,
    string? CheckedInAt);
