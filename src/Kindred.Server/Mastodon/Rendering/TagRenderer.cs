using System.Globalization;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>Turns a hashtag into the Mastodon wire type: the spelling first used, and the page of its normalized name.</summary>
public static class TagRenderer
{
    public static MastodonTag Render(Tag tag, PublicUrls urls) =>
        new(tag.Id.ToString(CultureInfo.InvariantCulture), tag.Display, urls.Absolute("/tags/" + Uri.EscapeDataString(tag.Name)), []);
}
