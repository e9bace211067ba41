using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Accounts;

public abstract class AccountsTests(KindredApp app)
{
    [Fact]
    public async Task VerifyCredentialsReturnsTheAccountWithSourceAndRole()
    {
        var token = await app.TokenAsync("owner");
        var json = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);
        Assert.Equal("owner", json.GetProperty("username").GetString());
        Assert.Equal("owner", json.GetProperty("acct").GetString());
        Assert.Equal("Owner", json.GetProperty("role").GetProperty("name").GetString());
        Assert.True(json.GetProperty("source").TryGetProperty("note", out _));
        // Mastodon conventions: string ids, nullable keys present as null.
        Assert.Equal(System.Text.Json.JsonValueKind.String, json.GetProperty("id").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("last_status_at").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("moved").ValueKind);
        Assert.EndsWith("Z", json.GetProperty("created_at").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateCredentialsChangesTheProfileAndSanitizesTheBio()
    {
        await app.CreateUserAsync("editor");
        var token = await app.TokenAsync("editor");
        var form = new MultipartFormDataContent
        {
            { new StringContent("Ed the Editor"), "display_name" },
            { new StringContent("I *love* helping. <script>alert(1)</script> [site](javascript:alert(2))"), "note" },
            { new StringContent("Website"), "fields_attributes[0][name]" },
            { new StringContent("https://ed.example"), "fields_attributes[0][value]" },
            { new StringContent("Pronouns"), "fields_attributes[1][name]" },
            { new StringContent("he/him"), "fields_attributes[1][value]" },
            { new StringContent("Childcare"), "interests[]" },
            { new StringContent("gardening"), "interests[]" },
            { new StringContent("Driving"), "skills[]" },
            { new StringContent("Croix-Rousse"), "area_name" },
            { new StringContent("45.774123"), "latitude" },
            { new StringContent("4.831987"), "longitude" },
            { new StringContent("true"), "locked" },
        };
        var json = await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", form), HttpStatusCode.OK);
        Assert.Equal("Ed the Editor", json.GetProperty("display_name").GetString());
        var note = json.GetProperty("note").GetString()!;
        Assert.Contains("<em>love</em>", note, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", note, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", note, StringComparison.OrdinalIgnoreCase);
        Assert.True(json.GetProperty("locked").GetBoolean());
        Assert.Equal(2, json.GetProperty("fields").GetArrayLength());
        Assert.Contains("href=\"https://ed.example\"", json.GetProperty("fields")[0].GetProperty("value").GetString(), StringComparison.Ordinal);
        var kindred = json.GetProperty("kindred");
        Assert.Equal(["Childcare", "gardening"], kindred.GetProperty("interests").EnumerateArray().Select(e => e.GetString()));
        // Coordinates are rounded to about a kilometre before they are stored.
        Assert.Equal(45.77, kindred.GetProperty("latitude").GetDouble());
        Assert.Equal(4.83, kindred.GetProperty("longitude").GetDouble());
        Assert.Equal("I *love* helping. <script>alert(1)</script> [site](javascript:alert(2))", json.GetProperty("source").GetProperty("note").GetString());
    }

    [Fact]
    public async Task AnAvatarIsReencodedWithoutItsGpsData()
    {
        await app.CreateUserAsync("photographer");
        var token = await app.TokenAsync("photographer");
        var image = new ByteArrayContent(TestImages.JpegWithGps());
        image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var form = new MultipartFormDataContent { { image, "avatar", "me.jpg" } };
        var json = await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", form), HttpStatusCode.OK);
        var avatarUrl = new Uri(json.GetProperty("avatar").GetString()!);
        Assert.StartsWith("/media/avatars/", avatarUrl.AbsolutePath, StringComparison.Ordinal);
        var stored = await app.Api().GetByteArrayAsync(avatarUrl.AbsolutePath);
        Assert.True(stored.Length > 100);
        Assert.DoesNotContain(TestImages.GpsMarker, Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("display_name", 31)]
    [InlineData("note", 501)]
    [InlineData("area_name", 101)]
    public async Task OverlongProfileFieldsAreRejectedAndNothingChanges(string field, int length)
    {
        var username = "long" + field.Replace("_", "", StringComparison.Ordinal);
        await app.CreateUserAsync(username);
        var token = await app.TokenAsync(username);
        var form = new MultipartFormDataContent
        {
            { new StringContent("Kept name"), "display_name" },
        };
        await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", form), HttpStatusCode.OK);
        var bad = new MultipartFormDataContent
        {
            { new StringContent(new string('x', length)), field },
            { new StringContent("Changed?"), field == "display_name" ? "note" : "display_name" },
        };
        var json = await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", bad), HttpStatusCode.UnprocessableEntity);
        Assert.True(json.GetProperty("details").TryGetProperty(field, out _), json.ToString());
        var account = await app.WithDbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Username == username));
        Assert.Equal("Kept name", account.DisplayName);
        Assert.Equal("", account.Note);
    }

    [Fact]
    public async Task FiveFieldsAreTooMany()
    {
        await app.CreateUserAsync("fivefields");
        var token = await app.TokenAsync("fivefields");
        var form = new MultipartFormDataContent();
        for (var i = 0; i < 5; i++)
        {
            form.Add(new StringContent($"name{i}"), $"fields_attributes[{i}][name]");
            form.Add(new StringContent($"value{i}"), $"fields_attributes[{i}][value]");
        }
        await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", form), HttpStatusCode.UnprocessableEntity);
        var fields = await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "fivefields").Select(a => a.Fields.Count).SingleAsync());
        Assert.Equal(0, fields);
    }

    [Theory]
    [InlineData("broken")]
    [InlineData("huge")]
    [InlineData("text")]
    public async Task BadImagesAreRejectedAndTheOldAvatarStays(string kind)
    {
        var username = "badimage" + kind;
        await app.CreateUserAsync(username);
        var token = await app.TokenAsync(username);
        var good = new ByteArrayContent(TestImages.Png());
        good.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", new MultipartFormDataContent { { good, "avatar", "a.png" } }), HttpStatusCode.OK);
        var before = await app.WithDbAsync(db => db.Accounts.AsNoTracking().Where(a => a.Username == username).Select(a => a.AvatarFile).SingleAsync());

        byte[] bytes = kind switch
        {
            "broken" => [.. TestImages.Png().Take(40)],
            "huge" => HugePngHeader(),
            _ => Encoding.UTF8.GetBytes("this is not an image at all"),
        };
        var bad = new ByteArrayContent(bytes);
        bad.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var json = await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", new MultipartFormDataContent { { bad, "avatar", "b.png" } }), HttpStatusCode.UnprocessableEntity);
        Assert.True(json.GetProperty("details").TryGetProperty("avatar", out _), json.ToString());
        var after = await app.WithDbAsync(db => db.Accounts.AsNoTracking().Where(a => a.Username == username).Select(a => a.AvatarFile).SingleAsync());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task AnAvatarOverTheSizeLimitIsRejected()
    {
        await app.CreateUserAsync("bigfile");
        var token = await app.TokenAsync("bigfile");
        var big = new ByteArrayContent([.. TestImages.Png(), .. new byte[3 * 1024 * 1024]]);
        big.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", new MultipartFormDataContent { { big, "avatar", "big.png" } }), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task MissingOrWrongTokensAreUnauthorized()
    {
        await KindredApp.Json(await app.Api().GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.Unauthorized);
        var json = await KindredApp.Json(await app.Api("not-a-token").GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.Unauthorized);
        Assert.Equal("The access token is invalid", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ATokenWithoutTheWriteScopeCannotUpdate()
    {
        await app.CreateUserAsync("readonly");
        var token = await app.TokenAsync("readonly", "read");
        var response = await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", new MultipartFormDataContent { { new StringContent("New"), "display_name" } });
        await KindredApp.Json(response, HttpStatusCode.Forbidden);
        var name = await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "readonly").Select(a => a.DisplayName).SingleAsync());
        Assert.Equal("readonly", name);
    }

    [Theory]
    [InlineData("read:accounts", HttpStatusCode.OK)]
    [InlineData("profile", HttpStatusCode.OK)]
    [InlineData("read", HttpStatusCode.OK)]
    [InlineData("write:accounts", HttpStatusCode.Forbidden)]
    [InlineData("read:statuses", HttpStatusCode.Forbidden)]
    public async Task VerifyCredentialsScopeMatrix(string scope, HttpStatusCode expected)
    {
        var name = "scope_" + scope.Replace(":", "_", StringComparison.Ordinal);
        await app.CreateUserAsync(name);
        var token = await app.TokenAsync(name, scope);
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), expected);
    }

    [Fact]
    public async Task AnAppTokenCannotCallUserMethods()
    {
        var token = await app.AppTokenAsync("read write");
        var json = await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", new MultipartFormDataContent { { new StringContent("x"), "display_name" } }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("authenticated user", json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountsCanBeFetchedByIdAndLookedUpByAcct()
    {
        var user = await app.CreateUserAsync("findme");
        var byId = await KindredApp.Json(await app.Api().GetAsync($"/api/v1/accounts/{user.Id}"), HttpStatusCode.OK);
        Assert.Equal("findme", byId.GetProperty("username").GetString());
        var lookup = await KindredApp.Json(await app.Api().GetAsync("/api/v1/accounts/lookup?acct=FindMe"), HttpStatusCode.OK);
        Assert.Equal(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), lookup.GetProperty("id").GetString());
        await KindredApp.Json(await app.Api().GetAsync("/api/v1/accounts/lookup?acct=findme@localhost"), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api().GetAsync("/api/v1/accounts/lookup?acct=nobody"), HttpStatusCode.NotFound);
        await KindredApp.Json(await app.Api().GetAsync("/api/v1/accounts/123456789"), HttpStatusCode.NotFound);
        await KindredApp.Json(await app.Api().GetAsync("/api/v1/accounts/not-a-number"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PendingAndRejectedApplicantsAreInvisible()
    {
        var pending = await app.CreateUserAsync("waiting");
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == pending.Id);
            user.Status = UserStatus.Pending;
            await db.SaveChangesAsync();
        });
        await KindredApp.Json(await app.Api().GetAsync($"/api/v1/accounts/{pending.Id}"), HttpStatusCode.NotFound);
        await KindredApp.Json(await app.Api().GetAsync("/api/v1/accounts/lookup?acct=waiting"), HttpStatusCode.NotFound);
    }

    /// <summary>Who sees a member's coarse area and interests, for every visibility level and viewer.</summary>
    [Theory]
    [InlineData("public", "anonymous", true)]
    [InlineData("public", "member", true)]
    [InlineData("public", "self", true)]
    [InlineData("members", "anonymous", false)]
    [InlineData("members", "app", false)]
    [InlineData("members", "member", true)]
    [InlineData("members", "self", true)]
    [InlineData("only_me", "anonymous", false)]
    [InlineData("only_me", "member", false)]
    [InlineData("only_me", "admin", false)]
    [InlineData("only_me", "self", true)]
    public async Task ProfileVisibilityMatrix(string visibility, string viewer, bool sees)
    {
        var username = $"vis_{visibility}_{viewer}";
        var user = await app.CreateUserAsync(username);
        var ownToken = await app.TokenAsync(username);
        var form = new MultipartFormDataContent
        {
            { new StringContent("Villeurbanne"), "area_name" },
            { new StringContent("45.77"), "latitude" },
            { new StringContent("4.88"), "longitude" },
            { new StringContent("cooking"), "interests[]" },
            { new StringContent(visibility), "area_visibility" },
            { new StringContent(visibility), "tags_visibility" },
        };
        await KindredApp.Json(await app.Api(ownToken).PatchAsync("/api/v1/accounts/update_credentials", form), HttpStatusCode.OK);

        string? token = viewer switch
        {
            "anonymous" => null,
            "self" => ownToken,
            "app" => await app.AppTokenAsync("read"),
            "admin" => await app.TokenAsync("owner", "read"),
            _ => await OtherMemberTokenAsync(username),
        };
        var json = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/accounts/{user.Id}"), HttpStatusCode.OK);
        var kindred = json.GetProperty("kindred");
        Assert.Equal(sees, kindred.GetProperty("area_name").ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Equal(sees, kindred.GetProperty("latitude").ValueKind == System.Text.Json.JsonValueKind.Number);
        Assert.Equal(sees, kindred.GetProperty("interests").ValueKind == System.Text.Json.JsonValueKind.Array);
    }

    private async Task<string> OtherMemberTokenAsync(string suffix)
    {
        var name = "viewer" + Math.Abs(suffix.GetHashCode(StringComparison.Ordinal) % 100000);
        await app.CreateUserAsync(name);
        return await app.TokenAsync(name, "read");
    }

    private static byte[] HugePngHeader()
    {
        // A valid PNG signature and IHDR chunk declaring 30000 × 30000 pixels, and nothing else.
        var ihdr = new byte[] { 0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 2, 0, 0, 0 };
        var type = "IHDR"u8.ToArray();
        var checksum = Crc32([.. type, .. ihdr]);
        byte[] crc = [(byte)(checksum >> 24), (byte)(checksum >> 16), (byte)(checksum >> 8), (byte)checksum];
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. type, .. ihdr, .. crc];
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}

public sealed class AccountsSqliteTests(SqliteApp app) : AccountsTests(app), IClassFixture<SqliteApp>;

public sealed class AccountsPostgresTests(PostgresApp app) : AccountsTests(app), IClassFixture<PostgresApp>;
