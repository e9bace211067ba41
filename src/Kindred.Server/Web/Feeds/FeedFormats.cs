namespace Kindred.Server.Web.Feeds;

public static class FeedFormats
{
    public static string ContentType(this FeedFormat format) => format == FeedFormat.Rss ? "application/rss+xml" : "application/atom+xml";

    public static string Extension(this FeedFormat format) => format == FeedFormat.Rss ? "rss" : "atom";
}
