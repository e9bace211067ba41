using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>A moderator's decision on a report: the action, the words to the member, the rules cited and, for
/// <see cref="StrikeAction.RemoveFromGroup"/>, the group.</summary>
public sealed record NewStrike(StrikeAction Action, string? Text, IReadOnlyList<long> RuleIds, long? GroupId = null);
