namespace Kindred.Core.Peers;

/// <summary>A remote post a local reply answers: its Note id, its author's actor id and handle (<c>@user@host</c>).</summary>
public sealed record RemoteParent(string NoteId, string ActorId, string Handle);
