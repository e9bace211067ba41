namespace Kindred.Core.Relationships;

public readonly record struct AccountCounts(int Followers, int Following);
