namespace Kindred.Server.Web.Feeds;

/// <summary>The two feed formats every page with a feed offers, by the extension of its address.</summary>
public enum FeedFormat
{
    Rss,
    Atom,
}
