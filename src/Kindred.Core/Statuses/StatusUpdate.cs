using Kindred.Core.Polls;

namespace Kindred.Core.Statuses;

/// <summary>An edit: the new text, content warning, sensitivity and language. Visibility cannot change (as on Mastodon).
/// <see cref="Poll"/> null leaves the poll as it is; a <see cref="PollEdit"/> sets or removes it.</summary>
public sealed record StatusUpdate(string Text, string BaseUrl, string? SpoilerText = null, bool Sensitive = false, string? Language = null, PollEdit? Poll = null);
