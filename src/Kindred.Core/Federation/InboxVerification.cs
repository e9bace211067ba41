namespace Kindred.Core.Federation;

/// <summary>The outcome of checking a delivery's signature: the actor whose key signed it, or why it was refused.</summary>
public sealed record InboxVerification(string? Actor, string? Refusal)
{
    public bool Valid => Actor is not null;

    public static InboxVerification Refused(string reason) => new(null, reason);
}
