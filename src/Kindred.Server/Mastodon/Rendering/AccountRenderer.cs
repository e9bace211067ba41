using System.Globalization;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Federation;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Preferences;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>Turns an account into the Mastodon wire type for one viewer. Every field is named here on purpose:
/// a new column never reaches the API by accident.</summary>
public sealed class AccountRenderer(PublicUrls urls, RelationshipQueries relationships, CustomEmojiRenderer emojis, RemoteAccounts remotes)
{
    /// <param name="account">With Fields, Tags and User loaded.</param>
    /// <param name="viewerId">The signed-in viewer's account id, or null.</param>
    /// <param name="withSource">The owner's own view (verify_credentials): adds source, role and the pending request count.</param>
    public async Task<MastodonAccount> RenderAsync(Account account, long? viewerId, bool withSource = false, CancellationToken ct = default)
    {
        var counts = await relationships.CountsAsync([account.Id], ct);
        var requests = withSource ? await relationships.PendingRequestCountAsync(account.Id, ct) : 0;
        var lookup = await emojis.LookupAsync(EmojiTexts(account), ct);
        var addresses = await remotes.AddressesAsync([account], ct);
        return Render(account, viewerId, counts[account.Id], withSource, requests, lookup, addresses);
    }

    /// <summary>Many accounts with their counts fetched in one batch, never one query per account.</summary>
    public async Task<IReadOnlyList<MastodonAccount>> RenderManyAsync(IReadOnlyList<Account> accounts, long? viewerId, CancellationToken ct = default)
    {
        var ids = accounts.Select(a => a.Id).Distinct().ToList();
        var counts = await relationships.CountsAsync(ids, ct);
        var lookup = await emojis.LookupAsync(accounts.SelectMany(EmojiTexts), ct);
        var addresses = await remotes.AddressesAsync(accounts, ct);
        return accounts.Select(a => Render(a, viewerId, counts[a.Id], withSource: false, followRequests: 0, lookup, addresses)).ToList();
    }

    /// <summary>Where a member may write a custom emoji (ADR 82): the display name, the bio and the profile fields, as
    /// Mastodon reads them.</summary>
    private static IEnumerable<string?> EmojiTexts(Account account) =>
        new[] { account.DisplayName, account.Note }.Concat(account.Fields.SelectMany(f => new[] { f.Name, f.Value }));

    private MastodonAccount Render(Account account, long? viewerId, AccountCounts counts, bool withSource, int followRequests,
        IReadOnlyDictionary<string, CustomEmoji> lookup, IReadOnlyDictionary<long, (string Uri, string Url)> remoteAddresses)
    {
        // A remote account's addresses are its own server's (ADR 101).
        var remote = remoteAddresses.TryGetValue(account.Id, out var address) ? address : ((string Uri, string Url)?)null;
        var profileUrl = remote?.Url ?? urls.Absolute("/@" + account.Username);
        var avatar = urls.Media(account.AvatarFile, "/img/avatar.png");
        var header = urls.Media(account.HeaderFile, "/img/header.png");
        var fields = account.Fields.OrderBy(f => f.Position).Select(f => new MastodonField(f.Name, f.ValueHtml, null)).ToList();
        var seesArea = ProfileVisibilityRules.CanSee(account.AreaVisibility, account.Id, viewerId);
        var seesTags = ProfileVisibilityRules.CanSee(account.TagsVisibility, account.Id, viewerId);
        var role = account.User?.Role ?? UserRole.Member;

        // The member sees the point they chose; others who may see the area get its cell's centre, the precision every
        // distance promises (ADR 43).
        var point = account.Latitude is { } lat && account.Longitude is { } lon
            ? (viewerId == account.Id ? new GeoPoint(lat, lon) : CoarseLocation.Cell(new GeoPoint(lat, lon)))
            : (GeoPoint?)null;
        return new MastodonAccount
        {
            Id = account.Id.ToString(CultureInfo.InvariantCulture),
            Username = account.Username,
            Acct = account.Domain is null ? account.Username : $"{account.Username}@{account.Domain}",
            Url = profileUrl,
            Uri = remote?.Uri ?? urls.Absolute("/users/" + account.Username),
            DisplayName = account.DisplayName,
            Note = account.NoteHtml,
            Avatar = avatar,
            AvatarStatic = avatar,
            Header = header,
            HeaderStatic = header,
            Locked = account.Locked,
            Fields = fields,
            Emojis = emojis.Pick(lookup, EmojiTexts(account).ToArray()),
            Bot = account.Bot,
            Discoverable = account.Discoverable,
            Indexable = account.Discoverable,
            HideCollections = account.HideCollections,
            Noindex = !account.Discoverable,
            // Mastodon gives the day an account was made, at midnight UTC.
            CreatedAt = MastodonTime.Format(account.CreatedAt.Date),
            LastStatusAt = account.LastStatusAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            // Counts stay public when the member hides their network, as Mastodon shows them.
            StatusesCount = account.StatusesCount,
            FollowersCount = counts.Followers,
            FollowingCount = counts.Following,
            Roles = role is UserRole.Owner or UserRole.Admin or UserRole.Moderator ? [RenderRole(role)] : [],
            Kindred = new KindredProfile
            {
                AreaName = seesArea ? account.AreaName : null,
                Latitude = seesArea ? point?.Lat : null,
                Longitude = seesArea ? point?.Lon : null,
                Interests = seesTags ? Tags(account, AccountTagKind.Interest) : null,
                Skills = seesTags ? Tags(account, AccountTagKind.Skill) : null,
                AreaVisibility = VisibilityName(account.AreaVisibility),
                TagsVisibility = VisibilityName(account.TagsVisibility),
                DirectMessages = withSource ? DirectMessagesName(account.DirectMessages) : null,
                Mentions = withSource ? MentionsName(account.Mentions) : null,
                DigestFrequency = withSource && account.User is { } user ? DigestFrequencyName(user.DigestFrequency) : null,
                TimeZone = withSource ? account.User?.TimeZone : null,
            },
            Source = withSource ? new MastodonSource
            {
                Note = account.Note,
                Fields = account.Fields.OrderBy(f => f.Position).Select(f => new MastodonField(f.Name, f.Value, null)).ToList(),
                // The posting defaults (ADR 80), as /api/v1/preferences shows them.
                Privacy = account.User is { } owner ? PreferencesEndpoints.VisibilityName(owner.PostingVisibility ?? Audience.Public) : "public",
                Sensitive = account.User?.PostingSensitive ?? false,
                Language = account.User?.PostingLanguage,
                Discoverable = account.Discoverable,
                Indexable = account.Discoverable,
                HideCollections = account.HideCollections,
                FollowRequestsCount = followRequests,
            } : null,
            Role = withSource ? RenderRole(role) : null,
        };
    }

    public static MastodonRole RenderRole(UserRole role) => role switch
    {
        UserRole.Owner => new("4", "Owner", "#c0392b", "1", true),
        UserRole.Admin => new("3", "Admin", "#c0392b", "1", true),
        // Mastodon's bits: manage reports (16), manage users (1024), manage taxonomies (256), view dashboard (8).
        UserRole.Moderator => new("2", "Moderator", "#2e7d32", "1304", true),
        UserRole.Staff => new("1", "Staff", "#1565c0", "0", false),
        _ => new("0", "", "", "0", false),
    };

    public static string VisibilityName(ProfileVisibility visibility) => visibility switch
    {
        ProfileVisibility.Public => "public",
        ProfileVisibility.Members => "members",
        _ => "only_me",
    };

    public static string DigestFrequencyName(DigestFrequency frequency) => frequency switch
    {
        DigestFrequency.Daily => "daily",
        DigestFrequency.Off => "off",
        _ => "weekly",
    };

    public static string MentionsName(MentionPolicy policy) => policy switch
    {
        MentionPolicy.Following => "following",
        MentionPolicy.Nobody => "nobody",
        _ => "everyone",
    };

    public static string DirectMessagesName(DirectMessagePolicy policy) => policy switch
    {
        DirectMessagePolicy.Following => "following",
        DirectMessagePolicy.Nobody => "nobody",
        _ => "everyone",
    };

    private static List<string> Tags(Account account, AccountTagKind kind) =>
        account.Tags.Where(t => t.Kind == kind).Select(t => t.Display).OrderBy(t => t, StringComparer.OrdinalIgnoreCase).ToList();
}
