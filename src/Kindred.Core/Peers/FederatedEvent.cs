using Kindred.Core.Events;

namespace Kindred.Core.Peers;

/// <summary>A public event as other servers may read it (address and online link blanked), with its organizer's username.</summary>
public sealed record FederatedEvent(EventView View, string OrganizerUsername);
