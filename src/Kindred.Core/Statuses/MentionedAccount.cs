namespace Kindred.Core.Statuses;

/// <summary>An account a status mentions, as a rendered mention shows it. Usernames and domains never change, so a kept
/// one is never stale; an erased account takes its mention rows with it (cascade), and renderers read those live.</summary>
public sealed record MentionedAccount(long Id, string Username, string? Domain);
