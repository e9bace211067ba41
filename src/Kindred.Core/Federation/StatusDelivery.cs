namespace Kindred.Core.Federation;

/// <summary>The payload of the job that renders a status as a Note (the web layer renders Notes) and queues its
/// Create, Update or Delete to the author's remote followers (ADR 102), or, for a post in a public group, the group's
/// Announce of it (ADR 105). <paramref name="ActivityId"/> names the stored activity a post from another server came
/// in, which the group announces as it was received.</summary>
public sealed record StatusDelivery(long StatusId, StatusChange Change, string? ActivityId = null)
{
    public const string Name = "federation.status";
}
