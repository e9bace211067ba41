namespace Kindred.Data.Entities;

/// <summary>What sort of area a <see cref="Place"/> is; shown beside its name so "Verdun" the town and "Verdun" the
/// neighbourhood can be told apart.</summary>
public enum PlaceKind
{
    Neighbourhood,
    Town,
    PostcodeArea,
    Region,
}
