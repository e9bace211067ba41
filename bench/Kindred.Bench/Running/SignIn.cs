using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kindred.Bench.Generation;

namespace Kindred.Bench.Running;

/// <summary>Signs sample members in the way clients do: one registered app and the password grant for API tokens,
/// the sign-in form (with its antiforgery token) for web session cookies.</summary>
public static partial class SignIn
{
    private const string Scopes = "read write follow";

    public static async Task<IReadOnlyList<Member>> MembersAsync(Uri address, IEnumerable<string> usernames, CancellationToken ct = default)
    {
        using var http = new HttpClient { BaseAddress = address };
        using var app = await http.PostAsync(new Uri("/api/v1/apps", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_name"] = "Kindred benchmark",
            ["redirect_uris"] = "urn:ietf:wg:oauth:2.0:oob",
            ["scopes"] = Scopes,
        }), ct);
        app.EnsureSuccessStatusCode();
        var registered = await app.Content.ReadFromJsonAsync<JsonElement>(ct);
        var clientId = registered.GetProperty("client_id").GetString()!;
        var clientSecret = registered.GetProperty("client_secret").GetString()!;
        var members = new List<Member>();
        foreach (var username in usernames)
        {
            members.Add(new Member(username, await AccountIdAsync(http, username, ct), await TokenAsync(http, clientId, clientSecret, username, ct), await CookieAsync(address, username, ct)));
        }
        return members;
    }

    private static async Task<string> AccountIdAsync(HttpClient http, string username, CancellationToken ct)
    {
        var account = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/accounts/lookup?acct={username}", UriKind.Relative), ct);
        return account.GetProperty("id").GetString()!;
    }

    private static async Task<string> TokenAsync(HttpClient http, string clientId, string clientSecret, string username, CancellationToken ct)
    {
        using var response = await http.PostAsync(new Uri("/oauth/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["username"] = username,
            ["password"] = CommunityGenerator.Password,
            ["scope"] = Scopes,
        }), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"No token for {username}: {(int)response.StatusCode} {body}");
        }
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<string> CookieAsync(Uri address, string username, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = address };
        var page = await http.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), ct);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        }
        using var response = await http.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Username"] = username,
            ["Input.Password"] = CommunityGenerator.Password,
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"Web sign-in for {username} answered {(int)response.StatusCode}.");
        }
        return cookies.GetCookieHeader(address);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
