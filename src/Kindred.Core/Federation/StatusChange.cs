namespace Kindred.Core.Federation;

/// <summary>What happened to a status that its author's remote followers are told.</summary>
public enum StatusChange
{
    Created = 0,
    Edited = 1,
    Deleted = 2,
}
