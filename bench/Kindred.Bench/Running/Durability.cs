using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kindred.Bench.Generation;
using Kindred.Data.Counting;
using Kindred.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Bench.Running;

/// <summary>
/// The <c>kill -9</c> scenario (issue 23, "Durability stays proven"). Each round, writers post statuses, favourite them and
/// join or leave open groups through the real API; the server is killed with SIGKILL while writes are in flight and
/// started again. Then the database itself is asked: is every write that was answered 2xx there, does the engine's own
/// integrity check pass, and does every count the application stores equal a fresh count of its rows? Acknowledged
/// writes of all earlier rounds are checked again every round.
/// </summary>
public sealed class Durability(string serverDirectory, BenchDatabase database, TextWriter log)
{
    public const int Writers = 32;

    /// <summary>How long writers write at full speed before the kill; the kill lands at a random moment in the last second.
    /// The window opens once every writer has had a write acknowledged, so a freshly started server's first, slow
    /// requests do not count towards the rate.</summary>
    private static readonly TimeSpan WritingTime = TimeSpan.FromSeconds(4);

    public async Task<DurabilityOutcome> RunAsync(int rounds, int seed, int members, CancellationToken ct = default)
    {
        var random = new Random(seed);
        var usernames = Enumerable.Range(0, members - 2).Select(i => CommunityGenerator.UsernameOf(2 + i)).OrderBy(_ => random.Next()).Take(Writers).ToList();
        var server = await ServerProcess.StartAsync(serverDirectory, database, log, ct: ct);
        var writers = await SignIn.MembersAsync(server.Address, usernames, ct);
        var openGroups = await OpenGroupsAsync(writers, ct);
        var statuses = new ConcurrentBag<long>();
        var favourites = new ConcurrentBag<(long AccountId, long StatusId)>();
        var latencies = new ConcurrentBag<double>();
        long acknowledged = 0, refused = 0, windowWrites = 0;
        var writing = TimeSpan.Zero;
        string? firstRefusal = null;
        var problems = new List<string>();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                var memberships = await MembershipsAsync(writers, openGroups, ct);
                using var http = LoadRunner.CreateClient(server.Address, Writers);
                var killAt = WritingTime - TimeSpan.FromMilliseconds(random.Next(1000));
                using var killed = new CancellationTokenSource();
                var clock = Stopwatch.StartNew();
                var before = Interlocked.Read(ref acknowledged);
                var warm = new int[Writers];
                var tasks = writers.Select((writer, w) => Task.Run(async () =>
                {
                    var mine = new Random(seed * 1_000 + round * 10 + w);
                    var accountId = long.Parse(writer.AccountId, CultureInfo.InvariantCulture);
                    var recent = new List<long>();
                    var joined = memberships.Where(m => m.AccountId == accountId).Select(m => m.GroupId).ToHashSet();
                    while (!killed.IsCancellationRequested)
                    {
                        var roll = mine.Next(100);
                        long? groupId = roll >= 85 && openGroups.Count > 0 ? openGroups[mine.Next(openGroups.Count)] : null;
                        long? favourite = roll is >= 70 and < 85 && recent.Count > 0 ? recent[mine.Next(recent.Count)] : null;
                        using var request = groupId is { } g
                            ? Api(HttpMethod.Post, $"/api/v1/groups/{g}/{(joined.Contains(g) ? "leave" : "join")}", writer)
                            : favourite is { } f
                                ? Api(HttpMethod.Post, $"/api/v1/statuses/{f}/favourite", writer)
                                : Post(writer, $"Durability round {round} writer {w} #{mine.Next()}");
                        var sent = clock.Elapsed;
                        try
                        {
                            using var response = await http.SendAsync(request, killed.Token);
                            if (!response.IsSuccessStatusCode)
                            {
                                Interlocked.Increment(ref refused);
                                Interlocked.CompareExchange(ref firstRefusal, $"{(int)response.StatusCode} on {request.RequestUri}: {await response.Content.ReadAsStringAsync(killed.Token)}", null);
                                continue;
                            }
                            // Only an answer read in full is an acknowledgement.
                            var body = await response.Content.ReadFromJsonAsync<JsonElement>(killed.Token);
                            latencies.Add((clock.Elapsed - sent).TotalMilliseconds);
                            Interlocked.Increment(ref acknowledged);
                            Volatile.Write(ref warm[w], 1);
                            if (groupId is { } toggled)
                            {
                                if (!joined.Add(toggled))
                                {
                                    joined.Remove(toggled);
                                }
                            }
                            else if (favourite is { } favourited)
                            {
                                favourites.Add((accountId, favourited));
                            }
                            else
                            {
                                var id = long.Parse(body.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
                                statuses.Add(id);
                                recent.Add(id);
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or IOException)
                        {
                            // A write cut off by the kill was never acknowledged: it may or may not be stored.
                            if (!killed.IsCancellationRequested)
                            {
                                Interlocked.Increment(ref refused);
                            }
                        }
                    }
                }, CancellationToken.None)).ToArray();
                while (Enumerable.Range(0, Writers).Any(i => Volatile.Read(ref warm[i]) == 0) && clock.Elapsed < TimeSpan.FromMinutes(1) && !tasks.All(t => t.IsCompleted))
                {
                    await Task.Delay(10, ct);
                }
                var windowStart = clock.Elapsed;
                var atWindowStart = Interlocked.Read(ref acknowledged);
                await Task.Delay(killAt, ct);
                server.KillAbruptly();
                var window = clock.Elapsed - windowStart;
                var inWindow = Interlocked.Read(ref acknowledged) - atWindowStart;
                await killed.CancelAsync();
                writing += window;
                windowWrites += inWindow;
                await Task.WhenAll(tasks);
                await server.DisposeAsync();
                // The integrity check reads the files as the kill left them (SQLite replays its WAL on open), with no
                // server writing beside it; the stored writes and counts are checked after the restart.
                List<string> integrity;
                await using (var crashed = database.CreateContext())
                {
                    integrity = await IntegrityAsync(crashed, ct);
                }
                SqliteConnection.ClearAllPools();
                var inRound = Interlocked.Read(ref acknowledged) - before;

                server = await ServerProcess.StartAsync(serverDirectory, database, log, server.Address.Port, ct: ct);
                var found = integrity.Concat(await CheckAsync(statuses.ToHashSet(), favourites.ToHashSet(), ct)).ToList();
                if (inRound == 0)
                {
                    // A round without an acknowledged write proves nothing; the writers were refused or the server too slow.
                    found.Add("no write was acknowledged");
                }
                problems.AddRange(found.Select(p => $"round {round}: {p}"));
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round,2}: {inRound} writes acknowledged, {inWindow / window.TotalSeconds:F0}/s in the {window.TotalSeconds:F2} s before the kill; {Interlocked.Read(ref refused)} refused or cut off so far; restarted; {(found.Count == 0 ? "all present, integrity ok, counts agree" : string.Join("; ", found))}"));
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
        if (firstRefusal is not null)
        {
            log.WriteLine($"  first refused write: {firstRefusal}");
        }
        var measurement = Measurement.From(latencies.ToList(), problems.Count, writing, 0) with { Requests = windowWrites };
        return new DurabilityOutcome(rounds, Interlocked.Read(ref acknowledged), statuses.Count, favourites.Count, Interlocked.Read(ref refused), problems, measurement);
    }

    /// <summary>Every acknowledged status and favourite is stored, the database passes its own integrity check, and every
    /// stored count equals a fresh count of the rows it counts.</summary>
    private async Task<List<string>> CheckAsync(HashSet<long> statusIds, HashSet<(long AccountId, long StatusId)> favouriteKeys, CancellationToken ct)
    {
        var problems = new List<string>();
        await using var db = database.CreateContext();
        var present = new HashSet<long>();
        foreach (var chunk in statusIds.Chunk(500))
        {
            present.UnionWith(await db.Statuses.Where(s => chunk.Contains(s.Id) && s.DeletedAt == null).Select(s => s.Id).ToListAsync(ct));
        }
        var lostStatuses = statusIds.Count - present.Count;
        if (lostStatuses > 0)
        {
            problems.Add($"{lostStatuses} acknowledged statuses lost (e.g. {string.Join(", ", statusIds.Except(present).Take(5))})");
        }
        var favouriteAccounts = favouriteKeys.Select(f => f.AccountId).Distinct().ToList();
        var storedFavourites = (await db.Favourites.Where(f => favouriteAccounts.Contains(f.AccountId)).Select(f => new { f.AccountId, f.StatusId }).ToListAsync(ct))
            .Select(f => (f.AccountId, f.StatusId)).ToHashSet();
        var lostFavourites = favouriteKeys.Count(f => !storedFavourites.Contains(f));
        if (lostFavourites > 0)
        {
            problems.Add($"{lostFavourites} acknowledged favourites lost");
        }
        var groupDrift = await db.Groups.Where(g => g.MembersCount != db.GroupMemberships.Count(m => m.GroupId == g.Id))
            .Select(g => g.Id).ToListAsync(ct);
        if (groupDrift.Count > 0)
        {
            problems.Add($"members_count differs from the memberships of {groupDrift.Count} group(s): {string.Join(", ", groupDrift.Take(5))}");
        }
        var occurrenceDrift = await db.EventOccurrences.CountAsync(o =>
            o.GoingCount != db.EventRsvps.Count(r => r.EventId == o.EventId && r.OccurrenceStartsAt == o.StartsAt && r.Response == RsvpResponse.Going)
            || o.WaitlistCount != db.EventRsvps.Count(r => r.EventId == o.EventId && r.OccurrenceStartsAt == o.StartsAt && r.Response == RsvpResponse.Waitlisted), ct);
        if (occurrenceDrift > 0)
        {
            problems.Add($"going or waiting-list counts differ from the answers of {occurrenceDrift} event occurrence(s)");
        }
        // The posts per account and favourites per post (ADR 92) are kept in the writing transaction too.
        var statusesDrift = await StoredCounts.WrongStatuses(db).CountAsync(ct);
        var favouritesDrift = await StoredCounts.WrongFavourites(db).CountAsync(ct);
        if (statusesDrift + favouritesDrift > 0)
        {
            problems.Add($"statuses_count differs for {statusesDrift} account(s), favourites_count for {favouritesDrift} post(s)");
        }
        return problems;
    }

    /// <summary>SQLite: <c>PRAGMA integrity_check</c> and <c>foreign_key_check</c>. PostgreSQL: amcheck's
    /// <c>bt_index_check</c> (with heapallindexed, so every table row must be found in each of its b-tree indexes).</summary>
    private async Task<List<string>> IntegrityAsync(Kindred.Data.KindredDbContext db, CancellationToken ct)
    {
        var problems = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        async Task<List<string>> Rows(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 600;
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<string>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }
            return rows;
        }
        if (database.IsSqlite)
        {
            var integrity = await Rows("PRAGMA integrity_check");
            if (integrity is not ["ok"])
            {
                problems.Add($"integrity_check: {string.Join("; ", integrity.Take(5))}");
            }
            var foreignKeys = await Rows("PRAGMA foreign_key_check");
            if (foreignKeys.Count > 0)
            {
                problems.Add($"foreign_key_check: {foreignKeys.Count} rows, e.g. {string.Join("; ", foreignKeys.Take(5))}");
            }
        }
        else
        {
            await Rows("CREATE EXTENSION IF NOT EXISTS amcheck");
            try
            {
                var checkedIndexes = await Rows("""
                    SELECT c.relname, bt_index_check(c.oid, true)::text
                    FROM pg_index i
                    JOIN pg_class c ON c.oid = i.indexrelid
                    JOIN pg_am am ON am.oid = c.relam
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE am.amname = 'btree' AND n.nspname = 'public' AND i.indisready AND i.indisvalid AND c.relpersistence <> 't'
                    """);
                if (checkedIndexes.Count == 0)
                {
                    problems.Add("amcheck found no b-tree index to check");
                }
            }
            catch (Npgsql.PostgresException e)
            {
                problems.Add($"bt_index_check: {e.MessageText}");
            }
        }
        return problems;
    }

    /// <summary>Open groups the writers may join and leave (a group's owner cannot leave, so groups a writer owns are left out).</summary>
    private async Task<List<long>> OpenGroupsAsync(IReadOnlyList<Member> writers, CancellationToken ct)
    {
        var ids = writers.Select(w => long.Parse(w.AccountId, CultureInfo.InvariantCulture)).ToList();
        await using var db = database.CreateContext();
        return await db.Groups.Where(g => g.JoinPolicy == GroupJoinPolicy.Open && !db.GroupMemberships.Any(m => m.GroupId == g.Id && m.Role == GroupRole.Owner && ids.Contains(m.AccountId)))
            .OrderBy(g => g.Id).Select(g => g.Id).Take(10).ToListAsync(ct);
    }

    /// <summary>Which writers are in which of those groups now (read again each round: a join cut off by the kill may or may not have happened).</summary>
    private async Task<HashSet<(long AccountId, long GroupId)>> MembershipsAsync(IReadOnlyList<Member> writers, List<long> groups, CancellationToken ct)
    {
        var ids = writers.Select(w => long.Parse(w.AccountId, CultureInfo.InvariantCulture)).ToList();
        await using var db = database.CreateContext();
        return (await db.GroupMemberships.Where(m => ids.Contains(m.AccountId) && groups.Contains(m.GroupId)).Select(m => new { m.AccountId, m.GroupId }).ToListAsync(ct))
            .Select(m => (m.AccountId, m.GroupId)).ToHashSet();
    }

    private static HttpRequestMessage Post(Member member, string text)
    {
        var request = Api(HttpMethod.Post, "/api/v1/statuses", member);
        request.Content = JsonContent.Create(new Dictionary<string, string> { ["status"] = text, ["visibility"] = "public" });
        return request;
    }

    private static HttpRequestMessage Api(HttpMethod method, string path, Member member)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", member.Token);
        return request;
    }
}
