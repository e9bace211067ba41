namespace Kindred.Core.Peers;

/// <summary>The payload of an <see cref="InboxDispatchJob"/>: the stored activity to act on.</summary>
public sealed record InboxDispatch(string ActivityId)
{
    public const string Name = "federation.inbox";
}
