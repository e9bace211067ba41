namespace Kindred.Core.Federation;

/// <summary>The payload of the job that renders a member's actor (the web layer renders actors) and queues its
/// <c>Update</c> to the member's remote followers (ADR 105); <paramref name="Ticks"/> makes each Update's id new.</summary>
public sealed record ProfileDelivery(long AccountId, long Ticks)
{
    public const string Name = "federation.profile";
}
