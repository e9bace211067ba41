using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>
/// One event as a calendar shows it to one reader: the whole series (<see cref="Occurrence"/> null) or one occurrence
/// the reader is going to, and whether the reader may see the address and the online link (<see cref="EventAccess"/>).
/// </summary>
public sealed record CalendarEntry(Event Event, bool PrivateDetails, DateTime? Occurrence = null);
