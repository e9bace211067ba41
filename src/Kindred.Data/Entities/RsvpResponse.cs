namespace Kindred.Data.Entities;

/// <summary>An answer to an event invitation; <see cref="Waitlisted"/> is "going" once a place frees up.</summary>
public enum RsvpResponse
{
    Going = 0,
    Maybe = 1,
    NotGoing = 2,
    Waitlisted = 3,
}
