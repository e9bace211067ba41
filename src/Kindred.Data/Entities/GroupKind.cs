namespace Kindred.Data.Entities;

/// <summary>What brings a group's members together: a shared interest, a shared place, or both.</summary>
public enum GroupKind
{
    Interest = 0,
    Place = 1,
    Both = 2,
}
