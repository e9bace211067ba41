namespace Kindred.Core.Polls;

/// <summary>What an edit does to a status's poll: set it to <see cref="Poll"/>, or remove it when that is null
/// (as a Mastodon edit without poll parameters does).</summary>
public sealed record PollEdit(NewPoll? Poll);
