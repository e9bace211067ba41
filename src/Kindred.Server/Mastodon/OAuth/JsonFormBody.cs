using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Kindred.Server.Mastodon.OAuth;

/// <summary>masto.js and other clients send JSON to /oauth/token and /oauth/revoke; OpenIddict reads only forms.
/// This turns a flat JSON object into the equivalent form body before OpenIddict sees the request.</summary>
public sealed class JsonFormBody(RequestDelegate next)
{
    private const int MaxBody = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method)
            && (request.Path.Equals("/oauth/token", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/oauth/revoke", StringComparison.OrdinalIgnoreCase))
            && request.HasJsonContentType())
        {
            string form;
            try
            {
                form = await ToFormAsync(request);
            }
            // InvalidOperationException: a string that is not valid Unicode (invalid UTF-8, a lone surrogate) fails when read.
            catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new { error = "invalid_request", error_description = "The request body is not a flat JSON object." });
                return;
            }
            var bytes = Encoding.UTF8.GetBytes(form);
            request.Body = new MemoryStream(bytes);
            request.ContentLength = bytes.Length;
            request.ContentType = "application/x-www-form-urlencoded";
        }
        await next(context);
    }

    private static async Task<string> ToFormAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length > MaxBody)
        {
            throw new InvalidDataException("Body too large.");
        }
        using var json = JsonDocument.Parse(buffer.ToArray());
        if (json.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("Not an object.");
        }
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var property in json.RootElement.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                JsonValueKind.Null => null,
                JsonValueKind.Array => string.Join(' ', property.Value.EnumerateArray().Select(e => e.ToString())),
                _ => throw new InvalidDataException("Nested objects are not accepted."),
            };
            if (value is not null)
            {
                pairs.Add(new(property.Name, value));
            }
        }
        return QueryHelpers.AddQueryString("", pairs).TrimStart('?');
    }
}
