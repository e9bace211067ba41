using Kindred.Core.Common;
using Kindred.Server.Mastodon;
using Microsoft.AspNetCore.Http;

namespace Kindred.Fuzz;

/// <summary>
/// The API's request reader (<see cref="MastodonParams"/>): a body as JSON, a urlencoded or multipart form, or another
/// content type (picked by the first byte), then the typed readers the endpoints use. Bad input is refused with a
/// <see cref="KindredException"/> of a 4xx kind; any other exception would be a 500.
/// </summary>
public static class ParamsTarget
{
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "text/plain",
        "application/json; charset=utf-16", "multipart/form-data",
    ];

    private static readonly string[] Keys =
    [
        "status", "limit", "sensitive", "media_ids", "spoiler_text", "visibility", "poll[options]", "poll[expires_in]",
        "latitude", "fields_attributes", "source[privacy]", "",
    ];

    private static readonly ErrorKind[] Refusals = [ErrorKind.BadRequest, ErrorKind.TooLarge, ErrorKind.UnsupportedMediaType, ErrorKind.Invalid];

    public static void Run(byte[] data)
    {
        var pick = data.Length == 0 ? 0 : data[0];
        var body = data.AsSpan(Math.Min(1, data.Length)).ToArray();
        var context = new DefaultHttpContext();
        context.Request.Method = (pick & 0x80) == 0 ? HttpMethods.Post : HttpMethods.Patch;
        context.Request.ContentType = ContentTypes[(pick & 0x7f) % ContentTypes.Length];
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        var parameters = Refusal.Allow(() => MastodonParams.ReadAsync(context.Request).GetAwaiter().GetResult(), Refusals);
        if (parameters is null)
        {
            return;
        }
        foreach (var key in Keys)
        {
            _ = parameters.Has(key);
            _ = parameters.List(key);
            Refusal.Allow(() => parameters.Value(key), Refusals);
            Refusal.Allow(() => parameters.Bool(key), Refusals);
            Refusal.Allow(() => parameters.WholeNumber(key), Refusals);
            Refusal.Allow(() => parameters.Number(key), Refusals);
            Refusal.Allow(() => parameters.Indexed(key), Refusals);
        }
        foreach (var file in parameters.Files)
        {
            using var stream = file.OpenReadStream();
            stream.CopyTo(Stream.Null);
        }
    }
}
