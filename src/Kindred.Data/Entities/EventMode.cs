namespace Kindred.Data.Entities;

/// <summary>Where an event happens.</summary>
public enum EventMode
{
    InPerson = 0,
    Online = 1,
}
