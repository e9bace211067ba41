namespace Kindred.Data.Entities;

/// <summary>Who may see one part of a profile (the home area, the interests and skills).</summary>
public enum ProfileVisibility
{
    Public = 0,
    Members = 1,
    OnlyMe = 2,
}
