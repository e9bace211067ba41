namespace Kindred.Core.Digests;

/// <summary>
/// An event coming up that the recipient may see: the title, when it starts in the recipient's own time zone and a
/// coarse place (the area's name, or "online"), never the address or the online link, which stay behind the link to
/// the event page where <see cref="Events.EventAccess"/> decides (ADR 47).
/// </summary>
/// <param name="LocalStartsAt">The occurrence's start in the recipient's time zone (UTC when they have none).</param>
/// <param name="Going">The recipient answered going, maybe or waits for a place; otherwise it is an event of one of their groups.</param>
public sealed record DigestEvent(long Id, string Title, DateTime OccurrenceStartsAt, DateTime LocalStartsAt, string? AreaName, bool Online, bool Going);
