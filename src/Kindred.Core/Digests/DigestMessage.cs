namespace Kindred.Core.Digests;

/// <summary>A rendered digest: the subject and both bodies of the multipart/alternative mail.</summary>
public sealed record DigestMessage(string Subject, string Text, string Html);
