namespace Kindred.Core.Common.Email;

/// <summary>The payload of a <see cref="MailJob"/>. The property names are in the migration that moved the queued
/// mails of ADR 47 into jobs; keep them. <paramref name="Headers"/> (a mailing's List-Unsubscribe, say) came later and is
/// absent from older payloads.</summary>
public sealed record QueuedMail(string To, string Subject, string Text, string Html, Dictionary<string, string>? Headers = null);
