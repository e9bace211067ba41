namespace Kindred.Data.Entities;

/// <summary>A word or phrase of a filter; <see cref="WholeWord"/> matches it only between word boundaries.</summary>
public class FilterKeyword
{
    public long Id { get; set; }
    public long FilterId { get; set; }
    public required string Keyword { get; set; }
    public bool WholeWord { get; set; }
}
