using System.Net.Http.Json;
using System.Text.Json;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Kindred.IntegrationTests.Digests;

/// <summary>Builds the little communities the digest tests read: members with tokens, groups, group posts, home areas.
/// Groups are written straight to the database because the groups API is built separately (ADR 20 gives the model).</summary>
public sealed class DigestScenario(DigestApp app)
{
    public async Task<Member> MemberAsync(string username, string locale = "en")
    {
        var user = await app.CreateUserAsync(username);
        if (locale != "en")
        {
            await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Locale, locale)));
        }
        return new Member(user.Id, username, $"{username}@example.org", await app.TokenAsync(username));
    }

    public async Task<long> GroupAsync(string slug, GroupVisibility visibility, params Member[] members)
    {
        var id = Snowflake.NewId();
        await app.WithDbAsync(async db =>
        {
            db.Groups.Add(new Group
            {
                Id = id,
                Slug = slug,
                Name = "Group " + slug,
                Visibility = visibility,
                CreatedById = members[0].Id,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
                MembersCount = members.Length,
            });
            foreach (var member in members)
            {
                db.GroupMemberships.Add(new GroupMembership { GroupId = id, AccountId = member.Id, Role = member == members[0] ? GroupRole.Owner : GroupRole.Member, CreatedAt = DateTime.UtcNow });
            }
            await db.SaveChangesAsync();
        });
        return id;
    }

    public async Task<string> PostAsync(Member author, string text, string visibility = "public", long? groupId = null)
    {
        var status = await app.PostStatusAsync(author.Token, text, visibility);
        var id = status.GetProperty("id").GetString()!;
        if (groupId is { } group)
        {
            var statusId = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
            await app.WithDbAsync(db => db.Statuses.Where(s => s.Id == statusId).ExecuteUpdateAsync(s => s.SetProperty(x => x.GroupId, group)));
        }
        return id;
    }

    public async Task FavouriteAsync(Member member, string statusId) =>
        await KindredApp.Json(await app.Api(member.Token).PostAsync($"/api/v1/statuses/{statusId}/favourite", null), System.Net.HttpStatusCode.OK);

    public async Task BlockAsync(Member member, Member target) =>
        await KindredApp.Json(await app.Api(member.Token).PostAsync($"/api/v1/accounts/{target.Id}/block", null), System.Net.HttpStatusCode.OK);

    public Task AreaAsync(Member member, double latitude, double longitude, string area, ProfileVisibility visibility = ProfileVisibility.Members, bool discoverable = true) =>
        app.WithDbAsync(db => db.Accounts.Where(a => a.Id == member.Id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Latitude, latitude).SetProperty(a => a.Longitude, longitude).SetProperty(a => a.AreaName, area)
            .SetProperty(a => a.AreaVisibility, visibility).SetProperty(a => a.Discoverable, discoverable)));

    /// <summary>Marks every notification the member has as read, through the markers API.</summary>
    public async Task ReadNotificationsAsync(Member member)
    {
        var list = await KindredApp.Json(await app.Api(member.Token).GetAsync("/api/v1/notifications?limit=1"), System.Net.HttpStatusCode.OK);
        var newest = list.EnumerateArray().First().GetProperty("id").GetString();
        var response = await app.Api(member.Token).PostAsJsonAsync("/api/v1/markers", new { notifications = new { last_read_id = newest } });
        await KindredApp.Json(response, System.Net.HttpStatusCode.OK);
    }

    /// <summary>The single digest the member received: its plain text and HTML bodies.</summary>
    public (MimeMessage Message, string Text, string Html) SingleDigest(Member member)
    {
        var message = Assert.Single(app.DigestsTo(member.Email));
        return (message, message.TextBody ?? "", message.HtmlBody ?? "");
    }

    public sealed record Member(long Id, string Username, string Email, string Token);
}
