namespace Kindred.Core.Federation;

/// <summary>The payload of the job that renders a status as a Note (the web layer renders Notes) and queues its
/// Create, Update or Delete to the author's remote followers (ADR 102).</summary>
public sealed record StatusDelivery(long StatusId, StatusChange Change)
{
    public const string Name = "federation.status";
}
