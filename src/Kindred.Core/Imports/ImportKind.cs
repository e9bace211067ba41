namespace Kindred.Core.Imports;

/// <summary>The Mastodon CSVs Kindred reads back (ADR 69), named as Mastodon's import form names them.</summary>
public enum ImportKind
{
    Following,
    Blocks,
    Mutes,
    Bookmarks,
    Lists,
}
