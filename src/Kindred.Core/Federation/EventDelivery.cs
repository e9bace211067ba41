namespace Kindred.Core.Federation;

/// <summary>The payload of the job that renders a public event as an ActivityStreams <c>Event</c> (the web layer
/// renders it) and queues its Create, Update or Delete to the organizer's remote followers (ADR 106).</summary>
public sealed record EventDelivery(long EventId, StatusChange Change)
{
    public const string Name = "federation.event";
}
