namespace Kindred.Data.Entities;

/// <summary>What a matching filter does: show the status behind a warning naming the filter, or leave it out.</summary>
public enum FilterAction
{
    Warn = 0,
    Hide = 1,
}
