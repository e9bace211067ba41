namespace Kindred.Core.Common.Email;

/// <summary>The payload of a <see cref="MailJob"/>. The property names are in the migration that moved the queued
/// mails of ADR 47 into jobs; keep them.</summary>
public sealed record QueuedMail(string To, string Subject, string Text, string Html);
