namespace Kindred.Server.KindredApi.Models;

/// <summary>
/// The matches of one of the caller's items (Kindred extension, ADR 31): fitting items (offers for a request, requests
/// for an offer), and for a request how many opted-in helpers fit, never who they are.
/// </summary>
public sealed record AidMatchesDto(string ItemId, string Kind, IReadOnlyList<AidMatchDto> Items, int Helpers);
