namespace Kindred.Data.Entities;

/// <summary>Whether an aid item asks for help or offers it (ADR 27).</summary>
public enum AidKind
{
    Request = 0,
    Offer = 1,
}
