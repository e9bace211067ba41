namespace Kindred.Data.Entities;

/// <summary>Where a filter applies (Mastodon's filter contexts), stored as one integer of flags: a set of five fixed
/// values needs no join table.</summary>
[Flags]
public enum FilterContexts
{
    None = 0,
    Home = 1,
    Notifications = 2,
    Public = 4,
    Thread = 8,
    Account = 16,
}
