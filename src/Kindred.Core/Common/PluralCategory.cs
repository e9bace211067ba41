namespace Kindred.Core.Common;

/// <summary>The CLDR cardinal plural categories the shipped languages use (English: one, other; French: one, many, other).</summary>
public enum PluralCategory
{
    One,
    Many,
    Other,
}
