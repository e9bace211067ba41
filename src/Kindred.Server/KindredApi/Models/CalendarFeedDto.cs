namespace Kindred.Server.KindredApi.Models;

/// <summary>The caller's personal calendar address (Kindred extension, ADR 34): the same feed over https and as a
/// webcal:// link that calendar apps subscribe to. Both are null while the member has none.</summary>
public sealed record CalendarFeedDto(bool Enabled, string? Url, string? WebcalUrl);
