using System.Globalization;
using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Server.Hosting;

namespace Kindred.Server.Mastodon;

/// <summary>
/// Request parameters the way Mastodon reads them: query string, form (urlencoded or multipart) and JSON bodies
/// all land in one flat map. Nested JSON becomes Rails-style keys ("fields_attributes[0][name]"), so each
/// endpoint reads one shape whatever the client sent.
/// </summary>
public sealed class MastodonParams
{
    public const int MaxJsonBytes = 1024 * 1024;
    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);

    public IFormFileCollection Files { get; private set; } = new FormFileCollection();

    public static async Task<MastodonParams> ReadAsync(HttpRequest request)
    {
        var result = new MastodonParams();
        foreach (var (key, value) in request.Query)
        {
            result.AddAll(key, value);
        }
        if (request.ContentLength is 0 || !(HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method)))
        {
            return result;
        }
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (Exception e) when (UnreadableBody.Is(e))
            {
                throw KindredException.BadRequest("The form body could not be read: " + e.Message);
            }
            foreach (var (key, value) in form)
            {
                result.AddAll(key, value);
            }
            result.Files = form.Files;
        }
        else if (request.HasJsonContentType())
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            if (buffer.Length > MaxJsonBytes)
            {
                throw new KindredException(ErrorKind.TooLarge, "The request body is too large.");
            }
            if (buffer.Length == 0)
            {
                return result;
            }
            try
            {
                using var json = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw KindredException.BadRequest("The JSON body must be an object.");
                }
                result.Flatten("", json.RootElement);
            }
            catch (JsonException e)
            {
                throw KindredException.BadRequest("The JSON body is malformed: " + e.Message);
            }
            catch (InvalidOperationException)
            {
                // The reader accepts any bytes inside a string; turning one into .NET text is where invalid UTF-8
                // or an escaped lone surrogate ("\ud800") fails. That is the client's mistake, not ours.
                throw KindredException.BadRequest("The JSON body holds text that is not valid Unicode (invalid UTF-8 or a lone surrogate).");
            }
        }
        else if (request.ContentType is { Length: > 0 } contentType && (request.ContentLength ?? 1) > 0)
        {
            throw new KindredException(ErrorKind.UnsupportedMediaType, $"Content type '{contentType}' is not accepted; send JSON or a form.");
        }
        return result;
    }

    private void Flatten(string prefix, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(prefix.Length == 0 ? property.Name : $"{prefix}[{property.Name}]", property.Value);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        Flatten($"{prefix}[{index}]", item);
                    }
                    else
                    {
                        Add(prefix + "[]", Scalar(item));
                    }
                    index++;
                }
                break;
            default:
                Add(prefix, Scalar(element));
                break;
        }
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null => null,
        _ => element.GetRawText(),
    };

    private void AddAll(string key, Microsoft.Extensions.Primitives.StringValues value)
    {
        foreach (var item in value)
        {
            Add(key, item);
        }
    }

    private void Add(string key, string? value)
    {
        if (value is null)
        {
            return;
        }
        // PostgreSQL text cannot hold U+0000 (it answers "invalid byte sequence"), and no member writes one on purpose:
        // refused here, at the one reader of API parameters, rather than failing as a 500 wherever the value is stored
        // or compared.
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw KindredException.Invalid(key, $"{key} may not contain a NUL character.");
        }
        if (!values.TryGetValue(key, out var list))
        {
            values[key] = list = [];
        }
        list.Add(value);
    }

    public bool Has(string key) => values.ContainsKey(key) || values.ContainsKey(key + "[]");

    public string? Value(string key, int maxLength = 10_000)
    {
        if (!values.TryGetValue(key, out var list) || list.Count == 0)
        {
            return null;
        }
        var value = list[^1];
        if (value.Length > maxLength)
        {
            throw KindredException.Invalid(key, $"{key} is too long ({maxLength} characters at most).");
        }
        return value;
    }

    public IReadOnlyList<string> List(string key)
    {
        if (values.TryGetValue(key + "[]", out var list))
        {
            return list;
        }
        return values.TryGetValue(key, out var single) ? single : [];
    }

    public bool? Bool(string key)
    {
        var value = Value(key, 10);
        return value?.ToLowerInvariant() switch
        {
            null or "" => null,
            "true" or "1" or "on" or "yes" or "t" => true,
            "false" or "0" or "off" or "no" or "f" => false,
            _ => throw KindredException.Invalid(key, $"{key} must be true or false."),
        };
    }

    public long? Id(string key) => Ids.Optional(Value(key, 30), key);

    public int? WholeNumber(string key)
    {
        var value = Value(key, 20);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw KindredException.Invalid(key, $"{key} must be a whole number.");
    }

    public double? Number(string key)
    {
        var value = Value(key, 40);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw KindredException.Invalid(key, $"{key} must be a number.");
    }

    /// <summary>Reads Rails-style indexed hashes such as fields_attributes[0][name] (or fields_attributes[][name] from forms).</summary>
    public List<Dictionary<string, string>> Indexed(string key)
    {
        var rows = new SortedDictionary<int, Dictionary<string, string>>();
        var appended = new List<Dictionary<string, string>>();
        foreach (var (name, list) in values)
        {
            if (!name.StartsWith(key + "[", StringComparison.Ordinal))
            {
                continue;
            }
            var rest = name[(key.Length + 1)..];
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || rest.Length < close + 3 || rest[close + 1] != '[' || rest[^1] != ']')
            {
                continue;
            }
            var indexText = rest[..close];
            var field = rest[(close + 2)..^1];
            if (indexText.Length == 0)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    while (appended.Count <= i)
                    {
                        appended.Add([]);
                    }
                    appended[i][field] = list[i];
                }
                continue;
            }
            if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 100)
            {
                throw KindredException.Invalid(key, $"{key} has an unreadable index.");
            }
            if (!rows.TryGetValue(index, out var row))
            {
                rows[index] = row = [];
            }
            row[field] = list[^1];
        }
        return [.. rows.Values, .. appended];
    }
}
