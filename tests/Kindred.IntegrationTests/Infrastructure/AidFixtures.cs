using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Aid;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>
/// People and aid items for the aid conversation tests. Items are posted through <see cref="AidService"/> (the aid
/// items API is built beside this); members are made "established" (joined a month ago) unless a test wants a newcomer.
/// </summary>
public sealed class AidFixtures(KindredApp app, string prefix)
{
    private static int users;

    public sealed record Member(User User, string Token)
    {
        public long Id => User.Id;
        public string Name => User.UserName!;
    }

    public async Task<Member> MemberAsync(string role = "m", UserRole userRole = UserRole.Member, bool established = true, bool lead = false, bool vetted = false, string scopes = "read write")
    {
        var name = $"{prefix}{role}{Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture)}";
        var user = await app.CreateUserAsync(name, userRole);
        await app.WithDbAsync(async db =>
        {
            var row = await db.Users.FirstAsync(u => u.Id == user.Id);
            if (established)
            {
                row.CreatedAt = row.CreatedAt.AddDays(-30);
                row.ApprovedAt = row.CreatedAt;
            }
            row.IsSafeguardingLead = lead;
            if (vetted)
            {
                db.VettedHelpers.Add(new VettedHelper { Id = Snowflake.NewId(DateTime.UtcNow), AccountId = user.Id, GrantedById = user.Id, GrantedAt = DateTime.UtcNow, VettedOn = DateOnly.FromDateTime(DateTime.UtcNow), Note = "checked" });
            }
            await db.SaveChangesAsync();
        });
        return new Member(user, await app.TokenAsync(name, scopes));
    }

    public Task<AidItem> ItemAsync(Member owner, AidKind kind = AidKind.Request, bool sensitive = false, AidAudience audience = AidAudience.Members, AidAnswerPolicy policy = AidAnswerPolicy.Anyone) =>
        app.WithServicesAsync(s => s.GetRequiredService<AidService>().CreateAsync(owner.Id, new AidInput
        {
            Kind = kind,
            Category = "childcare",
            Title = kind == AidKind.Request ? "Someone to fetch my son from school" : "I can cook a meal",
            Description = "Tuesdays after school.",
            Audience = audience,
            AnswerPolicy = policy,
            Sensitive = sensitive,
            ClearLocation = true,
        }));

    public async Task<HttpResponseMessage> AnswerAsync(Member who, long itemId, string text = "I live nearby and can help on Tuesdays.") =>
        await app.Api(who.Token).PostAsync($"/api/v1/kindred/aid/{itemId}/responses", Form(("text", text)));

    /// <summary>Answers and returns the new conversation's id.</summary>
    public async Task<string> AnsweredAsync(Member who, long itemId, string text = "I live nearby and can help on Tuesdays.") =>
        (await KindredApp.Json(await AnswerAsync(who, itemId, text), HttpStatusCode.OK)).GetProperty("id").GetString()!;

    public async Task<HttpResponseMessage> PostAsync(Member who, string path, params (string Key, string Value)[] fields) =>
        await app.Api(who.Token).PostAsync(path, Form(fields));

    public async Task<JsonElement> PostOkAsync(Member who, string path, params (string Key, string Value)[] fields) =>
        await KindredApp.Json(await PostAsync(who, path, fields), HttpStatusCode.OK);

    public async Task<JsonElement> GetOkAsync(Member who, string path) =>
        await KindredApp.Json(await app.Api(who.Token).GetAsync(path), HttpStatusCode.OK);

    public async Task MakeLeadAsync(Member who, bool lead = true) =>
        await app.WithDbAsync(async db =>
        {
            var row = await db.Users.FirstAsync(u => u.Id == who.Id);
            row.IsSafeguardingLead = lead;
            await db.SaveChangesAsync();
        });

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    public Task<int> MessageCountAsync(long responseId) => app.WithDbAsync(db => db.AidMessages.CountAsync(m => m.ResponseId == responseId));

    public Task<List<Notification>> NotificationsAsync(long accountId, string type) =>
        app.WithDbAsync(db => db.Notifications.Where(n => n.AccountId == accountId && n.Type == type).ToListAsync());
}
