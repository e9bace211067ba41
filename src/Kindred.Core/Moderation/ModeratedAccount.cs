using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>
/// An account as the moderators' API shows it (ADR 72): the account (with its user, fields and tags loaded; no user for
/// another server's), whether a limit or a sensitive mark not undone is held against it, its e-mail address (null for a
/// moderator, who sees only its domain on the web, and for other servers' accounts) and the addresses its signed-in
/// browsers used, latest first.
/// </summary>
public sealed record ModeratedAccount(Account Account, bool Limited, bool Sensitized, string? Email, IReadOnlyList<AccountIp> Ips);
