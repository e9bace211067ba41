using System.Globalization;
using Kindred.Core.PublicFace;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Web.Statuses;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Feeds;

/// <summary>
/// RSS 2.0 and Atom feeds of the community, public profile, hashtag and public group pages, at the page's address plus ".rss"
/// or ".atom" (as Mastodon serves /@user.rss and /tags/tag.rss). Anonymous view whoever asks, so one cached copy
/// serves everyone; a profile that hides itself, an unknown tag and a group that is not public are all 404 (ADR 24).
/// </summary>
public static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var format in Enum.GetValues<FeedFormat>())
        {
            var extension = format.Extension();
            // Before the pages' own routes (/@{Username}, /tags/{Tag}, /groups/{Slug}), which would take "sam.rss" as a name.
            app.MapMethods($"/@{{username}}.{extension}", ["GET", "HEAD"], (string username, HttpContext context, PublicQueries queries, PublicUrls urls, IStringLocalizer<Text> t, CancellationToken ct) =>
                ProfileAsync(format, username, context, queries, urls, t, ct)).WithOrder(-1).ExcludeFromDescription();
            app.MapMethods($"/community.{extension}", ["GET", "HEAD"], (HttpContext context, PublicQueries queries, PublicUrls urls, IStringLocalizer<Text> t, CancellationToken ct) =>
                CommunityAsync(format, context, queries, urls, t, ct)).ExcludeFromDescription();
            app.MapMethods($"/tags/{{tag}}.{extension}", ["GET", "HEAD"], (string tag, HttpContext context, PublicQueries queries, PublicUrls urls, IStringLocalizer<Text> t, CancellationToken ct) =>
                TagAsync(format, tag, context, queries, urls, t, ct)).WithOrder(-1).ExcludeFromDescription();
            app.MapMethods($"/groups/{{slug}}.{extension}", ["GET", "HEAD"], (string slug, HttpContext context, PublicQueries queries, PublicUrls urls, IStringLocalizer<Text> t, CancellationToken ct) =>
                GroupAsync(format, slug, context, queries, urls, t, ct)).WithOrder(-1).ExcludeFromDescription();
        }
        return app;
    }

    private static async Task<IResult> ProfileAsync(FeedFormat format, string username, HttpContext context, PublicQueries queries, PublicUrls urls, IStringLocalizer<Text> t, CancellationToken ct)
    {
        if (await queries.ProfileAsync(username, ct) is not { } account)
        {
            return Results.NotFound();
        }
        var posts = await queries.ProfilePostsAsync(account.Id, ct);
        var name = StatusLabels.Name(account);
        return await RenderAsync(format, posts, queries, context, language => new FeedDocument(urls, t)
        {
            Title = t["Posts by {0}", name],
            Description = Kindred.Core.Common.SafeHtml.PlainText(account.NoteHtml, 300) is { Length: > 0 } bio ? bio : $"{name} (@{account.Username})",
            PagePath = "/@" + account.Username,
            Image = urls.Media(account.AvatarFile, "/img/avatar.png"),
            Language = language,
            UpdatedAt = account.UpdatedAt,
        }, ct);
    }

    /// <summary>The community page's feed: the newest public posts of everyone, public groups included.</summary>
    private static async Task<IResult> CommunityAsync(FeedFormat format, HttpContext context, PublicQueries queries, PublicUrls urls, IStringLocalizer<Text> t, CancellationToken ct)
    {
        var organization = await queries.OrganizationAsync(ct);
        if (organization is null)
        {
            return Results.NotFound();
        }
        var posts = await queries.RecentPostsAsync(PublicQueries.FeedSize, ct);
        return await RenderAsync(format, posts, queries, context, language => new FeedDocument(urls, t)
        {
            Title = organization.Name,
            Description = organization.Description.Length > 0 ? organization.Description : organization.Name,
            PagePath = "/community",
            Language = language,
            UpdatedAt = organization.CreatedAt,
        }, ct);
    }

    private static async Task<IResult> TagAsync(FeedFormat format, string tag, HttpContext context, PublicQueries queries, PublicUrls urls, IStringLocalizer<Text> t, CancellationToken ct)
    {
        if (await queries.TagAsync(tag, ct) is not { } found)
        {
            return Results.NotFound();
        }
        var posts = await queries.TagPostsAsync(found.Id, ct);
        return await RenderAsync(format, posts, queries, context, language => new FeedDocument(urls, t)
        {
            Title = "#" + found.Display,
            Description = t["Public posts with #{0}", found.Display],
            PagePath = "/tags/" + Uri.EscapeDataString(found.Name),
            Language = language,
            UpdatedAt = found.CreatedAt,
        }, ct);
    }

    private static async Task<IResult> GroupAsync(FeedFormat format, string slug, HttpContext context, PublicQueries queries, PublicUrls urls, IStringLocalizer<Text> t, CancellationToken ct)
    {
        if (await queries.GroupAsync(slug, ct) is not { } group)
        {
            return Results.NotFound();
        }
        var posts = await queries.GroupPostsAsync(group.Id, ct);
        return await RenderAsync(format, posts, queries, context, language => new FeedDocument(urls, t)
        {
            Title = group.Name,
            Description = Kindred.Core.Common.SafeHtml.PlainText(group.DescriptionHtml, 300) is { Length: > 0 } about ? about : group.Name,
            PagePath = "/groups/" + group.Slug,
            Image = group.AvatarFile is null ? null : urls.Media(group.AvatarFile, ""),
            Language = language,
            UpdatedAt = group.UpdatedAt,
        }, ct);
    }

    /// <summary>
    /// Writes the feed in the organization's language rather than the reader's, so the one cached copy is right for
    /// everyone without a Vary on Accept-Language.
    /// </summary>
    private static async Task<IResult> RenderAsync(FeedFormat format, IReadOnlyList<Status> posts, PublicQueries queries, HttpContext context, Func<string, FeedDocument> document, CancellationToken ct)
    {
        var language = (await queries.OrganizationAsync(ct))?.DefaultLanguage ?? "en";
        var media = await queries.MediaAsync(posts.Select(p => p.Id).ToList(), ct);
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            return document(language).Render(format, posts, media, context);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
