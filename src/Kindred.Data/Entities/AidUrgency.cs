namespace Kindred.Data.Entities;

/// <summary>How soon a request needs an answer; offers have none.</summary>
public enum AidUrgency
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}
