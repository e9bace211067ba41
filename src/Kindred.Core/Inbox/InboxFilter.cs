namespace Kindred.Core.Inbox;

/// <param name="Show">Which conversations.</param>
/// <param name="WaitingLongest">Oldest waiting first instead of the newest message first.</param>
public sealed record InboxFilter(InboxShow Show = InboxShow.Open, bool WaitingLongest = false);
