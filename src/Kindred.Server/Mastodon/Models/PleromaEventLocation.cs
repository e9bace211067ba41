namespace Kindred.Server.Mastodon.Models;

/// <summary>Rebased's event location. <see cref="Street"/> is the address, only for people who may see it (ADR 28).</summary>
public sealed record PleromaEventLocation(
    string? Name,
    string? Url,
    double? Latitude,
    double? Longitude,
    string? Street,
    string? PostalCode,
    string? Locality,
    string? Region,
    string? Country);
