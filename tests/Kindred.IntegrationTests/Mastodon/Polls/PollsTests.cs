using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kindred.Core.Polls;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Polls;

/// <summary>Polls through the API: creating them with a status, the limits, voting, hidden totals, visibility,
/// edits, and the notification when a poll closes.</summary>
public abstract class PollsTests(KindredApp app)
{
    private static int users;

    private static string Unique(string name) => name + Interlocked.Increment(ref users).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(long Id, string Token)> MemberAsync(string name)
    {
        var user = await app.CreateUserAsync(name);
        return (user.Id, await app.TokenAsync(name));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static Task<JsonElement> Ok(Task<HttpResponseMessage> response) => response.ContinueWith(r => KindredApp.Json(r.Result, HttpStatusCode.OK)).Unwrap();

    private Task<JsonElement> PostPollAsync(string token, string[] options, int expiresIn = 3600, bool multiple = false, bool hideTotals = false, string visibility = "public") =>
        Ok(app.Api(token).PostAsJsonAsync("/api/v1/statuses", new
        {
            status = "What do we choose?",
            visibility,
            poll = new { options, expires_in = expiresIn, multiple, hide_totals = hideTotals },
        }));

    private Task<HttpResponseMessage> VoteAsync(string token, string pollId, params int[] choices) =>
        app.Api(token).PostAsync($"/api/v1/polls/{pollId}/votes", Form(choices.Select(c => ("choices[]", c.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray()));

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string message)
    {
        var error = await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(message, error.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    private Task ExpireAsync(string pollId) => app.WithDbAsync(async db =>
    {
        var id = long.Parse(pollId, System.Globalization.CultureInfo.InvariantCulture);
        await db.Polls.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
    });

    private Task<int> AnnounceAsync() => app.WithServicesAsync(s => s.GetRequiredService<PollService>().AnnounceClosedAsync());

    [Fact]
    public async Task APollIsCreatedFromAFormOrAJsonBodyAndReadBack()
    {
        var (_, token) = await MemberAsync(Unique("pl_author"));
        var fromForm = await Ok(app.Api(token).PostAsync("/api/v1/statuses", Form(
            ("status", "Tea or coffee?"), ("poll[options][]", "Tea"), ("poll[options][]", "Coffee"), ("poll[expires_in]", "3600"))));
        var poll = fromForm.GetProperty("poll");
        Assert.Equal(["Tea", "Coffee"], poll.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("title").GetString()));
        Assert.All(poll.GetProperty("options").EnumerateArray(), o => Assert.Equal(0, o.GetProperty("votes_count").GetInt32()));
        Assert.False(poll.GetProperty("multiple").GetBoolean());
        Assert.False(poll.GetProperty("expired").GetBoolean());
        Assert.Equal(0, poll.GetProperty("votes_count").GetInt32());
        Assert.Equal(0, poll.GetProperty("voters_count").GetInt32());
        Assert.Equal(0, poll.GetProperty("emojis").GetArrayLength());
        // The author counts as having voted (as on Mastodon), so clients show them the results.
        Assert.True(poll.GetProperty("voted").GetBoolean());
        Assert.Equal(0, poll.GetProperty("own_votes").GetArrayLength());
        var expires = DateTime.Parse(poll.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(expires, DateTime.UtcNow.AddMinutes(55), DateTime.UtcNow.AddMinutes(65));

        var fromJson = await PostPollAsync(token, ["Walk", "Bus", "Bike"], 600, multiple: true);
        Assert.True(fromJson.GetProperty("poll").GetProperty("multiple").GetBoolean());
        Assert.Equal(3, fromJson.GetProperty("poll").GetProperty("options").GetArrayLength());

        var pollId = poll.GetProperty("id").GetString()!;
        var read = await Ok(app.Api().GetAsync($"/api/v1/polls/{pollId}"));
        Assert.Equal(pollId, read.GetProperty("id").GetString());
        // Nobody signed in: no viewer flags at all.
        Assert.False(read.TryGetProperty("voted", out _));
        Assert.False(read.TryGetProperty("own_votes", out _));
        var status = await Ok(app.Api().GetAsync($"/api/v1/statuses/{fromForm.GetProperty("id").GetString()}"));
        Assert.Equal(pollId, status.GetProperty("poll").GetProperty("id").GetString());
    }

    [Fact]
    public async Task TheInstanceConfigurationPublishesThePollLimits()
    {
        foreach (var path in new[] { "/api/v1/instance", "/api/v2/instance" })
        {
            var polls = (await Ok(app.Api().GetAsync(path))).GetProperty("configuration").GetProperty("polls");
            Assert.Equal(4, polls.GetProperty("max_options").GetInt32());
            Assert.Equal(50, polls.GetProperty("max_characters_per_option").GetInt32());
            Assert.Equal(300, polls.GetProperty("min_expiration").GetInt32());
            Assert.Equal(2_629_746, polls.GetProperty("max_expiration").GetInt32());
        }
    }

    [Fact]
    public async Task PollsOutsideTheLimitsAreRefusedWith422AndNothingIsPosted()
    {
        var (id, token) = await MemberAsync(Unique("pl_limits"));
        var cases = new (object Poll, string Message)[]
        {
            (new { options = new[] { "Only" }, expires_in = 600 }, "at least 2"),
            (new { options = new[] { "a", "b", "c", "d", "e" }, expires_in = 600 }, "at most 4"),
            (new { options = new[] { "ok", new string('x', 51) }, expires_in = 600 }, "at most 50 characters"),
            (new { options = new[] { "Same", "Same" }, expires_in = 600 }, "different"),
            (new { options = new[] { "a", " " }, expires_in = 600 }, "blank"),
            (new { options = new[] { "a", "b" }, expires_in = 299 }, "at least 5 minutes"),
            (new { options = new[] { "a", "b" }, expires_in = 2_629_747 }, "at most one month"),
            (new { options = new[] { "a", "b" } }, "duration"),
            (new { options = new[] { "a", "b" }, expires_in = "soon" }, "whole number"),
        };
        foreach (var (poll, message) in cases)
        {
            await AssertRefusedAsync(await app.Api(token).PostAsJsonAsync("/api/v1/statuses", new { status = "A poll", poll }), message);
        }
        // A poll and media are exclusive, as on Mastodon.
        await AssertRefusedAsync(await app.Api(token).PostAsync("/api/v1/statuses", Form(
            ("status", "With a picture"), ("media_ids[]", "1"), ("poll[options][]", "a"), ("poll[options][]", "b"), ("poll[expires_in]", "600"))), "media attachments or a poll");
        Assert.False(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.AccountId == id)));
        Assert.False(await app.WithDbAsync(db => db.Polls.AnyAsync(p => p.AccountId == id)));
    }

    [Fact]
    public async Task ASingleChoicePollTakesOneBallotOfOneChoicePerMember()
    {
        var (_, author) = await MemberAsync(Unique("pl_single"));
        var (_, voter) = await MemberAsync(Unique("pl_voter"));
        var (_, other) = await MemberAsync(Unique("pl_other"));
        var pollId = (await PostPollAsync(author, ["Red", "Green", "Blue"])).GetProperty("poll").GetProperty("id").GetString()!;

        var voted = await KindredApp.Json(await VoteAsync(voter, pollId, 1), HttpStatusCode.OK);
        Assert.True(voted.GetProperty("voted").GetBoolean());
        Assert.Equal([1], voted.GetProperty("own_votes").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(1, voted.GetProperty("votes_count").GetInt32());
        Assert.Equal(1, voted.GetProperty("voters_count").GetInt32());
        Assert.Equal([0, 1, 0], voted.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes_count").GetInt32()));

        await AssertRefusedAsync(await VoteAsync(voter, pollId, 2), "already voted");
        await AssertRefusedAsync(await VoteAsync(other, pollId, 0, 2), "one choice");
        await AssertRefusedAsync(await VoteAsync(other, pollId, 3), "not one of the poll's options");
        await AssertRefusedAsync(await VoteAsync(other, pollId), "at least one");
        await AssertRefusedAsync(await app.Api(other).PostAsync($"/api/v1/polls/{pollId}/votes", Form(("choices[]", "first"))), "option indexes");
        await AssertRefusedAsync(await VoteAsync(author, pollId, 0), "your own poll");

        // Nothing the refused ballots asked for was counted.
        var read = await Ok(app.Api(other).GetAsync($"/api/v1/polls/{pollId}"));
        Assert.Equal(1, read.GetProperty("votes_count").GetInt32());
        Assert.False(read.GetProperty("voted").GetBoolean());
        Assert.Equal(0, read.GetProperty("own_votes").GetArrayLength());
    }

    [Fact]
    public async Task AMultipleChoicePollTakesSeveralChoicesInOneBallot()
    {
        var (_, author) = await MemberAsync(Unique("pl_multi"));
        var (_, voter) = await MemberAsync(Unique("pl_mvoter"));
        var pollId = (await PostPollAsync(author, ["Mon", "Tue", "Wed"], multiple: true)).GetProperty("poll").GetProperty("id").GetString()!;
        var voted = await Ok(app.Api(voter).PostAsJsonAsync($"/api/v1/polls/{pollId}/votes", new { choices = new[] { "0", "2" } }));
        Assert.Equal([0, 2], voted.GetProperty("own_votes").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(2, voted.GetProperty("votes_count").GetInt32());
        Assert.Equal(1, voted.GetProperty("voters_count").GetInt32());
        await AssertRefusedAsync(await VoteAsync(voter, pollId, 1), "already voted");
        var (_, second) = await MemberAsync(Unique("pl_mvoter"));
        await AssertRefusedAsync(await app.Api(second).PostAsJsonAsync($"/api/v1/polls/{pollId}/votes", new { choices = new[] { 1, 1 } }), "chosen once");
    }

    [Fact]
    public async Task HiddenTotalsShowOnlyToTheAuthorUntilThePollClosesWhichEndsVoting()
    {
        var (_, author) = await MemberAsync(Unique("pl_hidden"));
        var (_, voter) = await MemberAsync(Unique("pl_hvoter"));
        var (_, late) = await MemberAsync(Unique("pl_late"));
        var pollId = (await PostPollAsync(author, ["Yes", "No"], hideTotals: true)).GetProperty("poll").GetProperty("id").GetString()!;
        var voted = await KindredApp.Json(await VoteAsync(voter, pollId, 0), HttpStatusCode.OK);
        Assert.All(voted.GetProperty("options").EnumerateArray(), o => Assert.Equal(JsonValueKind.Null, o.GetProperty("votes_count").ValueKind));
        var anonymous = await Ok(app.Api().GetAsync($"/api/v1/polls/{pollId}"));
        Assert.All(anonymous.GetProperty("options").EnumerateArray(), o => Assert.Equal(JsonValueKind.Null, o.GetProperty("votes_count").ValueKind));
        var own = await Ok(app.Api(author).GetAsync($"/api/v1/polls/{pollId}"));
        Assert.Equal([1, 0], own.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes_count").GetInt32()));

        await ExpireAsync(pollId);
        var closed = await Ok(app.Api(late).GetAsync($"/api/v1/polls/{pollId}"));
        Assert.True(closed.GetProperty("expired").GetBoolean());
        Assert.Equal([1, 0], closed.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes_count").GetInt32()));
        await AssertRefusedAsync(await VoteAsync(late, pollId, 1), "already ended");
        Assert.Equal(1, (await Ok(app.Api(late).GetAsync($"/api/v1/polls/{pollId}"))).GetProperty("votes_count").GetInt32());
    }

    [Fact]
    public async Task APollIsAsVisibleAsItsStatusAndOtherwiseNotFound()
    {
        var (_, author) = await MemberAsync(Unique("pl_private"));
        var (_, stranger) = await MemberAsync(Unique("pl_stranger"));
        var status = await PostPollAsync(author, ["In", "Out"], visibility: "private");
        var pollId = status.GetProperty("poll").GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(stranger).GetAsync($"/api/v1/polls/{pollId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/api/v1/polls/{pollId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await VoteAsync(stranger, pollId, 0)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(stranger).GetAsync("/api/v1/polls/999999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await VoteAsync(stranger, "999999999", 0)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await VoteAsync(stranger, "not-an-id", 0)).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.PollVotes.AnyAsync(v => v.PollId == long.Parse(pollId, System.Globalization.CultureInfo.InvariantCulture))));

        // Deleting the status takes the poll out of sight too.
        var publicPoll = await PostPollAsync(author, ["A", "B"]);
        await Ok(app.Api(author).DeleteAsync($"/api/v1/statuses/{publicPoll.GetProperty("id").GetString()}"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(stranger).GetAsync($"/api/v1/polls/{publicPoll.GetProperty("poll").GetProperty("id").GetString()}")).StatusCode);
    }

    [Fact]
    public async Task WhenAPollClosesItsVotersAndAuthorAreNotifiedExactlyOnce()
    {
        var (authorId, author) = await MemberAsync(Unique("pl_closing"));
        var (_, voter) = await MemberAsync(Unique("pl_cvoter"));
        var (_, muter) = await MemberAsync(Unique("pl_muter"));
        var (_, bystander) = await MemberAsync(Unique("pl_bystander"));
        var status = await PostPollAsync(author, ["Soup", "Salad"]);
        var statusId = status.GetProperty("id").GetString()!;
        var pollId = status.GetProperty("poll").GetProperty("id").GetString()!;
        await Ok(VoteAsync(voter, pollId, 0));
        await Ok(VoteAsync(muter, pollId, 1));
        // Muting with notifications silences the author's poll too, as Notify does for everything else.
        await Ok(app.Api(muter).PostAsync($"/api/v1/accounts/{authorId}/mute", Form(("notifications", "true"))));

        await ExpireAsync(pollId);
        // Two passes at once, as two server processes would run them: the claim lets only one announce the poll.
        await Task.WhenAll(AnnounceAsync(), AnnounceAsync());
        Assert.Equal(0, await AnnounceAsync());
        Assert.NotNull(await app.WithDbAsync(db => db.Polls.Where(p => p.Id == long.Parse(pollId, System.Globalization.CultureInfo.InvariantCulture)).Select(p => p.ClosedNotifiedAt).SingleAsync()));

        async Task<JsonElement[]> PollNotifications(string token) =>
            (await Ok(app.Api(token).GetAsync("/api/v1/notifications?types[]=poll"))).EnumerateArray().ToArray();
        var forVoter = await PollNotifications(voter);
        var single = Assert.Single(forVoter);
        Assert.Equal("poll", single.GetProperty("type").GetString());
        Assert.Equal(statusId, single.GetProperty("status").GetProperty("id").GetString());
        Assert.True(single.GetProperty("status").GetProperty("poll").GetProperty("expired").GetBoolean());
        Assert.Single(await PollNotifications(author));
        Assert.Empty(await PollNotifications(muter));
        Assert.Empty(await PollNotifications(bystander));
    }

    [Fact]
    public async Task EditingThePollOptionsResetsTheVotesAndHistoryKeepsEachVersion()
    {
        var (_, author) = await MemberAsync(Unique("pl_editor"));
        var (_, voter) = await MemberAsync(Unique("pl_evoter"));
        var status = await PostPollAsync(author, ["Friday", "Saturday"]);
        var id = status.GetProperty("id").GetString()!;
        var pollId = status.GetProperty("poll").GetProperty("id").GetString()!;
        await Ok(VoteAsync(voter, pollId, 0));

        // The same options (only the text changes): the votes stand.
        var same = await Ok(app.Api(author).PutAsJsonAsync($"/api/v1/statuses/{id}", new { status = "When shall we meet?", poll = new { options = new[] { "Friday", "Saturday" }, expires_in = 3600 } }));
        Assert.Equal(1, same.GetProperty("poll").GetProperty("votes_count").GetInt32());

        // Other options answer another question: the votes go, and the voter may vote again.
        var changed = await Ok(app.Api(author).PutAsJsonAsync($"/api/v1/statuses/{id}", new { status = "When shall we meet?", poll = new { options = new[] { "Friday", "Sunday", "Monday" }, expires_in = 3600 } }));
        Assert.Equal(0, changed.GetProperty("poll").GetProperty("votes_count").GetInt32());
        Assert.Equal(["Friday", "Sunday", "Monday"], changed.GetProperty("poll").GetProperty("options").EnumerateArray().Select(o => o.GetProperty("title").GetString()));
        var forVoter = await Ok(app.Api(voter).GetAsync($"/api/v1/polls/{pollId}"));
        Assert.False(forVoter.GetProperty("voted").GetBoolean());
        await Ok(VoteAsync(voter, pollId, 2));

        // A bad poll in an edit changes nothing.
        await AssertRefusedAsync(await app.Api(author).PutAsJsonAsync($"/api/v1/statuses/{id}", new { status = "Broken", poll = new { options = new[] { "Only" }, expires_in = 3600 } }), "at least 2");

        var history = (await Ok(app.Api(author).GetAsync($"/api/v1/statuses/{id}/history"))).EnumerateArray().ToArray();
        Assert.Equal(3, history.Length);
        Assert.Equal(["Friday", "Saturday"], history[0].GetProperty("poll").GetProperty("options").EnumerateArray().Select(o => o.GetProperty("title").GetString()));
        Assert.Equal(["Friday", "Sunday", "Monday"], history[2].GetProperty("poll").GetProperty("options").EnumerateArray().Select(o => o.GetProperty("title").GetString()));

        // An edit without poll parameters removes the poll, as on Mastodon.
        var removed = await Ok(app.Api(author).PutAsJsonAsync($"/api/v1/statuses/{id}", new { status = "No poll after all" }));
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("poll").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(voter).GetAsync($"/api/v1/polls/{pollId}")).StatusCode);
    }

    public static TheoryData<string, string, string> ScopedEndpoints => new()
    {
        { "GET", "/api/v1/polls/{id}", "read:statuses" },
        { "POST", "/api/v1/polls/{id}/votes", "write:statuses" },
    };

    [Theory]
    [MemberData(nameof(ScopedEndpoints))]
    public async Task ATokenWithoutTheScopeIsRefusedWith403(string method, string path, string scope)
    {
        var (_, author) = await MemberAsync(Unique("pl_scopeauthor"));
        var name = Unique("pl_scoped");
        await app.CreateUserAsync(name);
        var pollId = (await PostPollAsync(author, ["One", "Two"])).GetProperty("poll").GetProperty("id").GetString()!;
        string[] all = ["read:statuses", "read:accounts", "write:statuses", "write:favourites"];
        var lacking = await app.TokenAsync(name, string.Join(' ', all.Where(s => s != scope)));
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", pollId, StringComparison.Ordinal))
        {
            Content = method == "POST" ? Form(("choices[]", "0")) : null,
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).SendAsync(request)).StatusCode);
        Assert.Equal(0, (await Ok(app.Api(author).GetAsync($"/api/v1/polls/{pollId}"))).GetProperty("votes_count").GetInt32());
    }
}

public sealed class PollsSqliteTests(SqliteApp app) : PollsTests(app), IClassFixture<SqliteApp>;

public sealed class PollsPostgresTests(PostgresApp app) : PollsTests(app), IClassFixture<PostgresApp>;
