using System.Globalization;
using Kindred.Core.Tags;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>Turns a hashtag into the Mastodon wire type: the spelling first used, and the page of its normalized name.</summary>
public static class TagRenderer
{
    public static MastodonTag Render(Tag tag, PublicUrls urls) =>
        new(tag.Id.ToString(CultureInfo.InvariantCulture), tag.Display, Url(tag.Name, urls), []);

    /// <summary>A tag with its history and, for a signed-in member, whether they follow it (ADR 80).</summary>
    public static MastodonTag Render(TagView view, PublicUrls urls) =>
        new(view.Tag?.Id.ToString(CultureInfo.InvariantCulture) ?? "", view.Display, Url(view.Name, urls), History(view.History), view.Following);

    public static IReadOnlyList<MastodonTagHistory> History(IReadOnlyList<TagDay> days) =>
        days.Select(d => new MastodonTagHistory(
            new DateTimeOffset(DateTime.SpecifyKind(d.Day, DateTimeKind.Utc)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            d.Uses.ToString(CultureInfo.InvariantCulture),
            d.Accounts.ToString(CultureInfo.InvariantCulture))).ToList();

    public static MastodonFeaturedTag Render(FeaturedTagView view, PublicUrls urls) =>
        new(view.Featured.Id.ToString(CultureInfo.InvariantCulture),
            view.Featured.Tag.Display,
            Url(view.Featured.Tag.Name, urls),
            view.StatusesCount.ToString(CultureInfo.InvariantCulture),
            view.LastStatusAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static string Url(string name, PublicUrls urls) => urls.Absolute("/tags/" + Uri.EscapeDataString(name));
}
