namespace Kindred.Data.Search;

/// <summary>One word of a search, lower-cased; <see cref="Prefix"/> when it also matches longer words ("ecol" finds "école").</summary>
public readonly record struct SearchWord(string Text, bool Prefix);
