using System.Net;
using System.Text.RegularExpressions;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>Posting web forms the way a browser without JavaScript does: read the page, take its antiforgery token, post the fields.</summary>
public static partial class Html
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static async Task<string> GetAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}: {Snippet(body)}");
        return body;
    }

    /// <summary>Reads the page at <paramref name="url"/>, then posts <paramref name="fields"/> with its first antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string? formName, IDictionary<string, string> fields, string? postUrl = null)
    {
        var page = await GetAsync(client, url);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {url}");
        var form = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)) };
        if (formName is not null)
        {
            form.Add(new("_handler", formName));
        }
        return await client.PostAsync(postUrl ?? url, new FormUrlEncodedContent(form));
    }

    /// <summary>Like <see cref="PostFormAsync"/> for a form with enctype="multipart/form-data": the fields plus
    /// <paramref name="files"/> (field name, file name, bytes, content type), as a browser sends them.</summary>
    public static async Task<HttpResponseMessage> PostMultipartFormAsync(HttpClient client, string url, string? formName, IDictionary<string, string> fields, IEnumerable<(string Field, string FileName, byte[] Bytes, string ContentType)> files, string? postUrl = null)
    {
        var page = await GetAsync(client, url);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {url}");
        var form = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }
        form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        if (formName is not null)
        {
            form.Add(new StringContent(formName), "_handler");
        }
        foreach (var (field, fileName, bytes, contentType) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            form.Add(file, field, fileName);
        }
        return await client.PostAsync(postUrl ?? url, form);
    }

    /// <summary>Where a redirect points, as a local path and query, whether the header was absolute or not.</summary>
    public static string Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException("Not a redirect.");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public static string Snippet(string body) => body.Length > 1500 ? body[..1500] : body;
}
