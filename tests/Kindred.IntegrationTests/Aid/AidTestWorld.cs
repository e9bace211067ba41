using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Aid;

/// <summary>Helpers the aid tests share: posting items through the API, home areas, vetted helpers and safeguarding leads.</summary>
public static class AidTestWorld
{
    public static async Task<JsonElement> SendAsync(KindredApp app, string? token, HttpMethod method, string path, IEnumerable<(string Key, string Value)>? form = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = form is null ? null : new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))),
        };
        return await KindredApp.Json(await app.Api(token).SendAsync(request), expected);
    }

    public static async Task<string> CreateItemAsync(KindredApp app, string token, string title, params (string, string)[] fields)
    {
        List<(string, string)> form = [("kind", "request"), ("category", "childcare"), ("title", title)];
        foreach (var (key, value) in fields)
        {
            form.RemoveAll(f => f.Item1 == key);
            form.Add((key, value));
        }
        var json = await SendAsync(app, token, HttpMethod.Post, "/api/v1/kindred/aid", form);
        return json.GetProperty("id").GetString()!;
    }

    public static Task SetHomeAsync(KindredApp app, long accountId, double? lat, double? lon, string? area = null) =>
        app.WithDbAsync(db => db.Accounts.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Latitude, lat).SetProperty(a => a.Longitude, lon).SetProperty(a => a.AreaName, area)));

    public static Task MakeVettedAsync(KindredApp app, long accountId, long grantedBy) =>
        app.WithDbAsync(async db =>
        {
            db.VettedHelpers.Add(new VettedHelper
            {
                Id = accountId,
                AccountId = accountId,
                GrantedById = grantedBy,
                GrantedAt = DateTime.UtcNow,
                VettedOn = DateOnly.FromDateTime(DateTime.UtcNow),
                Note = "checked",
            });
            await db.SaveChangesAsync();
        });

    public static Task MakeLeadAsync(KindredApp app, long accountId) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == accountId).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsSafeguardingLead, true)));

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static long Parse(string id) => long.Parse(id, CultureInfo.InvariantCulture);
}
