using System.Net;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Kindred.Core.Common;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Web.Statuses;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Kindred.Server.Web.Feeds;

/// <summary>
/// One RSS 2.0 or Atom 1.0 feed of public posts (ADR 24), written with System.ServiceModel.Syndication. The bytes are
/// the same for the same posts (the feed's time is its newest change, not "now"), so their hash is a strong ETag.
/// </summary>
public sealed class FeedDocument(PublicUrls urls, IStringLocalizer<Text> t)
{
    /// <summary>Readers poll often; a minute keeps a deleted post from lingering in shared caches.</summary>
    private const string CacheControl = "public, max-age=60";

    public required string Title { get; init; }
    public required string Description { get; init; }

    /// <summary>The HTML page the feed mirrors ("/@sam", "/tags/garden", "/groups/riverside").</summary>
    public required string PagePath { get; init; }
    public string? Image { get; init; }
    public required string Language { get; init; }

    /// <summary>When what the feed says about itself last changed (profile or group edits), besides its posts.</summary>
    public DateTime UpdatedAt { get; init; }

    public IResult Render(FeedFormat format, IReadOnlyList<Status> posts, ILookup<long, MediaAttachment> media, HttpContext context)
    {
        var pageUrl = urls.Absolute(PagePath);
        var updated = posts.Select(p => p.EditedAt ?? p.CreatedAt).Append(UpdatedAt).Max();
        var feed = new SyndicationFeed(Title, Description, new Uri(pageUrl), pageUrl, new DateTimeOffset(DateTime.SpecifyKind(updated, DateTimeKind.Utc)))
        {
            Language = Language,
            Generator = "Kindred",
            Items = posts.Select(p => Item(p, media[p.Id].ToList())).ToList(),
        };
        if (Image is not null)
        {
            feed.ImageUrl = new Uri(Image);
        }
        var self = urls.Absolute(PagePath + (format == FeedFormat.Rss ? ".rss" : ".atom"));
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(self), format.ContentType()));

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = false }))
        {
            SyndicationFeedFormatter formatter = format == FeedFormat.Rss ? new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: true) : new Atom10FeedFormatter(feed);
            formatter.WriteTo(writer);
        }
        var bytes = buffer.ToArray();
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes)[..16]) + "\"");
        context.Response.Headers.CacheControl = CacheControl;
        // The file result answers If-None-Match and If-Modified-Since with 304 Not Modified (If-None-Match first).
        return Results.Bytes(bytes, format.ContentType() + "; charset=utf-8", lastModified: new DateTimeOffset(DateTime.SpecifyKind(updated, DateTimeKind.Utc)), entityTag: etag);
    }

    private SyndicationItem Item(Status post, IReadOnlyList<MediaAttachment> images)
    {
        var url = urls.Absolute($"/@{post.Account.Username}/{post.Id}");
        var author = StatusLabels.Name(post.Account);
        var warned = !string.IsNullOrEmpty(post.SpoilerText);
        string title, html;
        if (warned)
        {
            // What the author folded away behind a warning is not put in front of feed readers: the warning is the
            // title, and the post is one click away.
            title = post.SpoilerText;
            html = $"<p>{WebUtility.HtmlEncode(t["This post has a content warning: {0}", post.SpoilerText])}</p>" +
                $"<p><a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(t["Read it on the site"])}</a></p>";
        }
        else
        {
            var text = SafeHtml.PlainText(post.ContentHtml, 80);
            title = text.Length > 0 ? text : t["Post by {0}", author];
            var body = new StringBuilder(SafeHtml.Clean(post.ContentHtml));
            foreach (var image in images)
            {
                if (post.Sensitive)
                {
                    // A sensitive image stays behind its click on the site.
                    body.Append($"<p><a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(t["Sensitive image: view it on the site"])}</a></p>");
                    break;
                }
                body.Append($"<p><img src=\"{WebUtility.HtmlEncode(urls.Absolute("/media/" + image.File))}\" alt=\"{WebUtility.HtmlEncode(image.Description ?? "")}\" /></p>");
            }
            html = body.ToString();
        }
        var item = new SyndicationItem(title, SyndicationContent.CreateHtmlContent(html), new Uri(url), url,
            new DateTimeOffset(DateTime.SpecifyKind(post.EditedAt ?? post.CreatedAt, DateTimeKind.Utc)))
        {
            PublishDate = new DateTimeOffset(DateTime.SpecifyKind(post.CreatedAt, DateTimeKind.Utc)),
        };
        item.Authors.Add(new SyndicationPerson(null, author, urls.Absolute("/@" + post.Account.Username)));
        foreach (var tag in post.Tags)
        {
            item.Categories.Add(new SyndicationCategory(tag.Tag.Display));
        }
        return item;
    }
}
