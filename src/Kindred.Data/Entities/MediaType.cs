namespace Kindred.Data.Entities;

/// <summary>Mastodon's attachment types; Kindred accepts images only for now.</summary>
public enum MediaType
{
    Image = 0,
}
