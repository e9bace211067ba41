using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kindred.IntegrationTests.Hosting.BadInput;

/// <summary>
/// Generates bad requests for one operation, the same ones for the same seed. Each case picks a family (malformed
/// JSON, invalid UTF-8, wrong types, huge values, unicode edge cases, bad ids, bad dates, wrong content types, broken
/// multipart and images, bad query values) and fills the operation's route and parameter names with it.
/// </summary>
public static partial class BadInputs
{
    /// <summary>Parameter names the Mastodon-style handlers read from query, form and JSON (they read a flat map,
    /// which the OpenAPI document does not describe); the operation's own documented parameters come first.</summary>
    public static readonly string[] Vocabulary =
    [
        "status", "visibility", "in_reply_to_id", "media_ids[]", "spoiler_text", "sensitive", "language", "poll[options][]", "poll[expires_in]",
        "group_id", "id", "account_id", "account_ids[]", "status_ids[]", "limit", "max_id", "since_id", "min_id", "offset", "q", "type", "types[]",
        "exclude_types[]", "title", "name", "note", "display_name", "description", "focus", "file", "category", "kind", "urgency", "latitude",
        "longitude", "near", "radius", "radius_km", "starts_at", "ends_at", "starts_on", "ends_on", "from", "to", "date", "at", "month", "recurrence",
        "time_zone", "capacity", "choices[]", "comment", "reason", "forward", "rule_ids[]", "fields_attributes[0][name]", "fields_attributes[0][value]",
        "locked", "discoverable", "bot", "slug", "join_policy", "tags[]", "skills[]", "interests[]", "answers[]", "questions[]", "message", "text",
        "response", "state", "item_id", "root", "mode", "sort", "scopes", "client_name", "redirect_uris", "website", "username", "email", "password",
        "agreement", "locale", "invite_code", "token", "max_uses", "expires_in", "expires_at", "duration", "notifications", "following", "reblogs",
        "notify", "place_name", "area_name", "online_url", "open_for_days", "digest_frequency", "resolve", "pinned", "only_media", "exclude_replies",
        "with_dismissed", "context[]", "filter_action", "keywords_attributes[0][keyword]", "keywords_attributes[0][whole_word]",
        "keywords_attributes[0][id]", "keywords_attributes[0][_destroy]", "keyword", "whole_word", "status_id", "phrase", "irreversible",
    ];

    private static readonly string[] Foreign = ["999999999999999", "0", "-1", "9223372036854775807", "9223372036854775808", "99999999999999999999999999",
        "abc", "1.5", "1e3", " 1", "0x10", "%00", "..%2F..%2Fetc%2Fpasswd", "' OR 1=1 --", "null", "[]", "%E2%80%AE1"];

    private static readonly string[] Dates = ["0001-01-01", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31", "10000-01-01", "-0001-01-01",
        "2026-02-30", "2026-13-01", "2026-00-10", "1970-01-01T00:00:00+25:00", "2026-06-01T25:61:61Z", "9999-99", "0000-00", "2026-W99",
        "99999999999999", "-62135596801", "253402300800", "yesterday", "2026-06-01T00:00:00.99999999999Z", "1e309"];

    private static readonly string[] DateFields = ["from", "to", "starts_at", "ends_at", "starts_on", "ends_on", "date", "at", "month", "expires_at", "vetted_on", "since", "until", "start_time", "end_time", "needed_by", "expires_on"];

    private static readonly string[] Numbers = ["-1", "0", "-9223372036854775809", "9223372036854775808", "1e309", "-1e309", "NaN", "Infinity", "1e-400",
        "00000000000000000000000000000001", "2147483648", "-2147483649", "4.9e-324", "1.7976931348623157e308", "0.0000001", "١٢٣"];

    private static readonly string[] Unicode = ["\u202Eevil\u202C", "\u200B", "\uFEFFbom", "a\u0000b", "\u0000", "e\u0301\u0301\u0301\u0301\u0301",
        "👩‍👩‍👧‍👦", "\uFFFF\uFFFE", "\u2028\u2029", "ǅſK\u0130ı", "<script>alert(1)</script>", "\r\n\tX-Injected: 1", "%", "{{7*7}}", "ｆｕｌｌ"];

    /// <summary>Builds <paramref name="count"/> cases for <paramref name="operation"/>; <paramref name="ids"/> are real ids
    /// that belong to someone else (a status, an account), mixed with ids that do not exist or cannot.</summary>
    public static List<BadCase> For(Operation operation, int count, int seed, IReadOnlyList<string> ids)
    {
        var random = new Random(seed ^ StableHash(operation.ToString()));
        var names = operation.Parameters.Concat(Vocabulary).Distinct(StringComparer.Ordinal).ToArray();
        var families = operation.IsPage
            ? new[] { "query", "ids", "dates", "numbers", "unicode" }
            : operation.HasBody
                ? new[] { "malformed-json", "truncated-json", "invalid-utf8", "lone-surrogate", "wrong-types", "huge", "unicode", "ids", "dates", "content-type", "form", "multipart", "query" }
                : new[] { "query", "ids", "dates", "numbers", "unicode", "huge" };
        var cases = new List<BadCase>(count);
        for (var i = 0; i < count; i++)
        {
            var family = families[i % families.Length];
            // Three in four as a signed-in member, the rest anonymous; pages alternate.
            var signedIn = operation.IsPage ? i % 2 == 0 : i % 4 != 3;
            var path = FillRoute(operation.Template, random, ids, family is "ids" or "unicode" || random.Next(4) == 0);
            cases.Add(Make(family, operation, path, names, random, ids, signedIn, i));
        }
        return cases;
    }

    private static BadCase Make(string family, Operation operation, string path, string[] names, Random random, IReadOnlyList<string> ids, bool signedIn, int index)
    {
        var field = Pick(random, names);
        string Query(string value) => path + "?" + Uri.EscapeDataString(field) + "=" + Uri.EscapeDataString(value);
        if (!operation.HasBody && family == "dates")
        {
            // Every date-like parameter at once, each out of range in its own way.
            return new(family, operation.Method, path + "?" + string.Join('&', DateFields.Append(field).Distinct().Select(f => Uri.EscapeDataString(f) + "=" + Uri.EscapeDataString(Pick(random, Dates)))), null, null, signedIn);
        }
        if (!operation.HasBody || family == "query")
        {
            var value = family switch
            {
                "ids" => Pick(random, ids.Concat(Foreign).ToArray()),
                "dates" => Pick(random, Dates),
                "numbers" => Pick(random, Numbers),
                "unicode" => Pick(random, Unicode),
                "huge" => new string('9', random.Next(30, 5000)),
                _ => random.Next(3) switch
                {
                    0 => Pick(random, Numbers.Concat(Dates).ToArray()),
                    1 => Pick(random, Foreign),
                    _ => Pick(random, Unicode),
                },
            };
            // Raw escapes the encoder would never produce: a bare %FF, an unfinished %E2%82 and a NUL.
            var url = random.Next(8) == 0 ? path + "?" + field + "=" + Pick(random, ["%FF%FE", "%E2%82", "%00", "%", "%C0%AF", "%ED%A0%80"]) : Query(value);
            return new(family, operation.Method, url, operation.HasBody && random.Next(2) == 0 ? "{}"u8.ToArray() : null, operation.HasBody ? "application/json" : null, signedIn);
        }
        return family switch
        {
            "malformed-json" => Json(family, operation, path, signedIn, Pick(random, ["{", "}", "[1,2", "{\"a\":1}}", "nul", "{'a':1}", "{\"a\":}", "{\"a\" 1}",
                "{\"" + field + "\":\"unterminated", "\"just a string\"", "[]", "42", "{\"a\":1,}", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":\"\\x41\"}",
                new string('[', 5000), new string('{', 20) + "\"a\":1" + new string('}', 20), "{\"a\":1}{\"b\":2}", "\uFEFF{}"])),
            "truncated-json" => TruncatedJson(family, operation, path, names, random, ids, signedIn),
            "invalid-utf8" => new(family, operation.Method, path, InvalidUtf8(field, random), "application/json", signedIn),
            "lone-surrogate" => Json(family, operation, path, signedIn, Pick(random, [$"{{\"{field}\":\"\\ud800\"}}", $"{{\"{field}\":\"a\\udc00b\"}}",
                $"{{\"\\ud83d\":\"x\",\"{field}\":1}}", $"{{\"{field}\":[\"\\udfff\"]}}", $"{{\"{field}\":{{\"x\":\"\\ud800\\ud800\"}}}}"])),
            "wrong-types" => Json(family, operation, path, signedIn, $"{{\"{field}\":{Pick(random, ["[]", "{}", "true", "false", "null", "[[[]]]", "{\"a\":{\"b\":1}}",
                "1e309", "-0", "0.1", "\"\"", "[1,\"a\",null,{}]", "123456789012345678901234567890", "{\"$ref\":\"#\"}"])}}}"),
            "huge" => Json(family, operation, path, signedIn, random.Next(3) switch
            {
                0 => $"{{\"{field}\":\"{new string('x', random.Next(10_000, 1_100_000))}\"}}",
                1 => $"{{\"{field}\":{new string('9', random.Next(20, 100_000))}}}",
                _ => "{" + string.Join(',', Enumerable.Range(0, random.Next(100, 20_000)).Select(n => $"\"k{n}\":{n}")) + "}",
            }),
            "unicode" => Json(family, operation, path, signedIn, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { [field] = Pick(random, Unicode), [Pick(random, Unicode)] = "x" })),
            "ids" => Json(family, operation, path, signedIn, $"{{\"{field}\":\"{Pick(random, ids.Concat(Foreign).ToArray())}\",\"{Pick(random, names)}\":[{string.Join(',', ids.Select(i => "\"" + i + "\""))}]}}"),
            "dates" => Json(family, operation, path, signedIn, System.Text.Json.JsonSerializer.Serialize(DateFields.Append(field).Distinct().ToDictionary(f => f, _ => Pick(random, Dates)))),
            "content-type" => random.Next(6) switch
            {
                0 => new(family, operation.Method, path, "status=hello&visibility=public"u8.ToArray(), "application/json", signedIn),
                1 => new(family, operation.Method, path, "{\"status\":\"hello\"}"u8.ToArray(), "application/x-www-form-urlencoded", signedIn),
                2 => new(family, operation.Method, path, "<a>1</a>"u8.ToArray(), Pick(random, ["application/xml", "text/plain", "image/png", "application/octet-stream"]), signedIn),
                3 => new(family, operation.Method, path, "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--"u8.ToArray(), "multipart/form-data", signedIn),
                4 => new(family, operation.Method, path, Encoding.Unicode.GetBytes("{\"status\":\"hi\"}"), "application/json; charset=utf-16", signedIn),
                _ => new(family, operation.Method, path, "{}"u8.ToArray(), Pick(random, ["application/json; charset=bogus", "application/", ";;;", "multipart/form-data; boundary=", "application/json\r\nX: y"]), signedIn),
            },
            "form" => new(family, operation.Method, path, Encoding.ASCII.GetBytes(Pick(random, [
                $"{field}=%FF%FE%FD", $"{field}=%00", $"{field}[=1", $"{field}]]=1", "fields_attributes[99999999999][name]=x", "fields_attributes[-1][name]=x",
                $"{field}[][][]=1", $"{field}={new string('a', 200_000)}", $"&&&==&{field}", $"{field}=%E2%80%AE", $"{field}={Uri.EscapeDataString(Pick(random, Dates))}",
                $"{field}={Uri.EscapeDataString(Pick(random, Numbers))}", $"{field}={Uri.EscapeDataString(Pick(random, ids.Concat(Foreign).ToArray()))}", "%", "a=%ZZ"])),
                "application/x-www-form-urlencoded", signedIn),
            "multipart" => Multipart(family, operation, path, field, random, signedIn, index),
            _ => throw new InvalidOperationException(family),
        };
    }

    private static BadCase Json(string family, Operation operation, string path, bool signedIn, string json) =>
        new(family, operation.Method, path, Encoding.UTF8.GetBytes(json), "application/json", signedIn);

    private static BadCase TruncatedJson(string family, Operation operation, string path, string[] names, Random random, IReadOnlyList<string> ids, bool signedIn)
    {
        var fields = Enumerable.Range(0, random.Next(1, 6)).ToDictionary(_ => Pick(random, names) + random.Next(1000).ToString(CultureInfo.InvariantCulture), _ => Pick(random, ids.Concat(Dates).Concat(Unicode).ToArray()));
        var bytes = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(fields));
        return new(family, operation.Method, path, bytes[..random.Next(1, bytes.Length)], "application/json", signedIn);
    }

    private static byte[] InvalidUtf8(string field, Random random)
    {
        byte[][] bad = [[0xFF], [0xFE, 0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x80], [0xF0, 0x9F, 0x98]];
        var chosen = bad[random.Next(bad.Length)];
        return random.Next(3) switch
        {
            0 => [.. Encoding.UTF8.GetBytes($"{{\"{field}\":\"a"), .. chosen, .. "b\"}"u8.ToArray()],
            1 => [.. "{\""u8.ToArray(), .. chosen, .. "\":1}"u8.ToArray()],
            _ => [.. Encoding.UTF8.GetBytes($"{{\"{field}\":[\""), .. chosen, .. "\"]}"u8.ToArray()],
        };
    }

    private static BadCase Multipart(string family, Operation operation, string path, string field, Random random, bool signedIn, int index)
    {
        const string boundary = "kindred-bad-input";
        byte[] file = (random.Next(7) + (index < 20 ? 0 : 1)) switch
        {
            // The oversized one (just over the largest image limit) is rare: it costs 10 MB per request.
            0 when index < 20 => new byte[(10 * 1024 * 1024) + 1],
            1 => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF],
            2 => [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0x03, .. Enumerable.Repeat((byte)0x41, 64)],
            3 => [.. "GIF89a"u8.ToArray(), 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00],
            4 => [],
            5 => [.. "RIFF"u8.ToArray(), 0xFF, 0xFF, 0xFF, 0xFF, .. "WEBPVP8 "u8.ToArray(), 0x00],
            _ => [.. Enumerable.Range(0, random.Next(1, 4096)).Select(_ => (byte)random.Next(256))],
        };
        var fileField = Pick(random, ["file", "avatar", "header", "image", "thumbnail", field]);
        var header = Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{Pick(random, Unicode.Concat(Numbers).ToArray())}\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"{fileField}\"; filename=\"{Pick(random, ["x.png", "../../x.jpg", "a\u202Egnp.exe", "", "x.svg"])}\"\r\nContent-Type: {Pick(random, ["image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml", "text/html"])}\r\n\r\n");
        var end = random.Next(5) == 0 ? Array.Empty<byte>() : Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        return new(family, operation.Method, path, [.. header, .. file, .. end], $"multipart/form-data; boundary={boundary}", signedIn);
    }

    private static string FillRoute(string template, Random random, IReadOnlyList<string> ids, bool bad) =>
        RouteParameter().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (!bad)
            {
                return ids[random.Next(ids.Count)];
            }
            var value = random.Next(3) switch
            {
                0 => Pick(random, Foreign),
                1 => Pick(random, Unicode),
                _ => name.Contains("id", StringComparison.OrdinalIgnoreCase) ? Pick(random, Numbers) : Pick(random, Dates),
            };
            // Kestrel refuses a NUL in the path before the app sees it (the test host throws instead), so none goes there.
            value = value.Replace("\0", "", StringComparison.Ordinal).Replace("%00", "", StringComparison.Ordinal);
            // Foreign holds a few values already escaped on purpose.
            return value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value);
        });

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }
        return hash;
    }

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z_]+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteParameter();
}
