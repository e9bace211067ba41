namespace Kindred.Core.Events;

/// <summary>A rendered reminder or follow-up: the subject and both bodies of the multipart/alternative mail.</summary>
public sealed record EventMail(string Subject, string Text, string Html);
