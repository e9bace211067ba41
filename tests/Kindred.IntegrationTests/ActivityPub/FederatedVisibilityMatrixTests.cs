using System.Globalization;
using System.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.ActivityPub;

/// <summary>
/// The "federated" read path of the visibility matrix: what another server gets when it dereferences a post's id
/// (the API's Status.uri) with each ActivityStreams Accept header. Only public and unlisted posts readable by a
/// signed-out visitor are Notes; every other audience, group-only posts, posts of a disabled author and deleted posts
/// are a bare 404 (410 for a deleted post that was public), and the post's words never appear in the answer.
/// </summary>
public abstract class FederatedVisibilityMatrixTests(KindredApp app)
{
    public static TheoryData<string, string, HttpStatusCode> Cases()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        foreach (var accept in new[] { "application/activity+json", ActivityPubClient.LdJson })
        {
            data.Add("public", accept, HttpStatusCode.OK);
            data.Add("unlisted", accept, HttpStatusCode.OK);
            data.Add("private", accept, HttpStatusCode.NotFound);
            data.Add("direct", accept, HttpStatusCode.NotFound);
            data.Add("members_only", accept, HttpStatusCode.NotFound);
            data.Add("public-in-public-group", accept, HttpStatusCode.OK);
            data.Add("public-in-members-group", accept, HttpStatusCode.NotFound);
            data.Add("public-in-secret-group", accept, HttpStatusCode.NotFound);
            data.Add("public-by-disabled-author", accept, HttpStatusCode.NotFound);
            data.Add("public-deleted", accept, HttpStatusCode.Gone);
            data.Add("direct-deleted", accept, HttpStatusCode.NotFound);
            data.Add("public-in-members-group-deleted", accept, HttpStatusCode.NotFound);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task APostDereferencesOnlyWhenAnotherServerMayReadIt(string kind, string accept, HttpStatusCode expected)
    {
        var name = "fm" + Guid.NewGuid().ToString("N")[..10];
        var user = await app.CreateUserAsync(name);
        await app.CreateUserAsync(name + "x");
        var token = await app.TokenAsync(name);
        var words = "matrix words " + Guid.NewGuid().ToString("N");
        var visibility = kind.Split('-')[0];
        var status = await app.PostStatusAsync(token, (visibility == "direct" ? $"@{name}x " : "") + words, visibility);
        var id = status.GetProperty("id").GetString()!;
        if (kind.Contains("-in-", StringComparison.Ordinal))
        {
            var groupVisibility = kind.Contains("public-group", StringComparison.Ordinal) ? GroupVisibility.Public
                : kind.Contains("members-group", StringComparison.Ordinal) ? GroupVisibility.Members : GroupVisibility.Secret;
            var group = await TestGroups.CreateAsync(app, name + "g", groupVisibility, user.Id);
            await TestGroups.MoveIntoAsync(app, id, group.Id);
        }
        if (kind.EndsWith("deleted", StringComparison.Ordinal))
        {
            var statusId = long.Parse(id, CultureInfo.InvariantCulture);
            await app.WithDbAsync(db => db.Statuses.Where(s => s.Id == statusId).ExecuteUpdateAsync(s => s.SetProperty(x => x.DeletedAt, DateTime.UtcNow)));
        }
        if (kind.EndsWith("disabled-author", StringComparison.Ordinal))
        {
            await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, UserStatus.Disabled)));
        }

        var uri = new Uri(status.GetProperty("uri").GetString()!);
        foreach (var path in new[] { uri.AbsolutePath, $"/@{name}/{id}" })
        {
            var response = await ActivityPubClient.GetAsync(app, path, accept);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(expected, response.StatusCode);
            if (expected == HttpStatusCode.OK)
            {
                var note = await ActivityPubClient.JsonAsync(app, path, accept);
                Assert.Equal("Note", note.GetProperty("type").GetString());
                Assert.Equal(uri.AbsoluteUri, note.GetProperty("id").GetString());
                Assert.Equal($"http://localhost/users/{name}", note.GetProperty("attributedTo").GetString());
                Assert.Contains(words, note.GetProperty("content").GetString(), StringComparison.Ordinal);
                Assert.Equal(kind.Contains("group", StringComparison.Ordinal), note.TryGetProperty("audience", out _));
            }
            else
            {
                Assert.DoesNotContain(words, body, StringComparison.Ordinal);
                Assert.NotEqual("application/activity+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task PublicAndUnlistedPostsAreAddressedAsMastodonAddressesThem()
    {
        await app.CreateUserAsync("fmaddressing");
        var token = await app.TokenAsync("fmaddressing");
        var open = await app.PostStatusAsync(token, "addressed to everyone");
        var quiet = await app.PostStatusAsync(token, "addressed quietly", "unlisted");
        var publicNote = await ActivityPubClient.JsonAsync(app, new Uri(open.GetProperty("uri").GetString()!).AbsolutePath);
        Assert.Equal("https://www.w3.org/ns/activitystreams#Public", Assert.Single(publicNote.GetProperty("to").EnumerateArray()).GetString());
        Assert.Equal("http://localhost/users/fmaddressing/followers", Assert.Single(publicNote.GetProperty("cc").EnumerateArray()).GetString());
        var unlistedNote = await ActivityPubClient.JsonAsync(app, new Uri(quiet.GetProperty("uri").GetString()!).AbsolutePath);
        Assert.Equal("http://localhost/users/fmaddressing/followers", Assert.Single(unlistedNote.GetProperty("to").EnumerateArray()).GetString());
        Assert.Equal("https://www.w3.org/ns/activitystreams#Public", Assert.Single(unlistedNote.GetProperty("cc").EnumerateArray()).GetString());
    }
}

public sealed class FederatedVisibilityMatrixSqliteTests(SqliteApp app) : FederatedVisibilityMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class FederatedVisibilityMatrixPostgresTests(PostgresApp app) : FederatedVisibilityMatrixTests(app), IClassFixture<PostgresApp>;
