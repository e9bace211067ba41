using System.Globalization;
using System.Text.Json;
using Kindred.Core.Common;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Places;

/// <summary>
/// The optional outbound seam of places (ADR 88): asks a Nominatim-compatible endpoint for the centre of a place an
/// admin names. Off unless <see cref="KindredOptions.PlaceOptions.GeocoderUrl"/> is set; then only an admin adding or
/// changing a place without coordinates calls it, with nothing but the place's name. Members never reach it.
/// </summary>
public sealed class PlaceGeocoder(HttpClient http, IOptions<KindredOptions> options)
{
    public bool Enabled => Endpoint is not null;

    private Uri? Endpoint =>
        Uri.TryCreate(options.Value.Places.GeocoderUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri : null;

    /// <summary>The first result's point, or null when the geocoder found nothing or could not be read.</summary>
    public async Task<GeoPoint?> LookUpAsync(string name, CancellationToken ct)
    {
        if (Endpoint is not { } endpoint)
        {
            return null;
        }
        var separator = string.IsNullOrEmpty(endpoint.Query) ? "?" : "&";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint + separator + "format=jsonv2&limit=1&q=" + Uri.EscapeDataString(name)));
        // Nominatim's usage policy asks every client to name itself.
        request.Headers.UserAgent.ParseAdd("Kindred/1.0");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), default, timeout.Token);
            if (json.RootElement.ValueKind != JsonValueKind.Array || json.RootElement.GetArrayLength() == 0)
            {
                return null;
            }
            var first = json.RootElement[0];
            return Number(first, "lat") is { } lat && Number(first, "lon") is { } lon && lat is >= -90 and <= 90 && lon is >= -180 and <= 180
                ? new GeoPoint(lat, lon)
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static double? Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
