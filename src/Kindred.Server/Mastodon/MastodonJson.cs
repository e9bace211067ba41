using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kindred.Server.Mastodon;

/// <summary>Mastodon's JSON conventions: snake_case keys and null values written out, never dropped.</summary>
public static class MastodonJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Ok<T>(T value) => Results.Json(value, Options);
}
