namespace Kindred.Core.Polls;

/// <summary>A poll as a member asks for it, with a new status or an edit; checked by <see cref="PollService.Validate"/>.</summary>
public sealed record NewPoll(IReadOnlyList<string> Options, int? ExpiresInSeconds, bool Multiple = false, bool HideTotals = false);
