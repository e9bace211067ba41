using Kindred.Server.Mastodon.Models;
namespace Kindred.Server.KindredApi.Models;

/// <summary>
/// One answer to an aid item and its private conversation, as a party or a reviewing lead sees it (Kindred extension).
/// state: pending, accepted, declined, withdrawn; role: owner, responder or lead (the reader's place in it);
/// item_kind: request or offer; item_state: open, in_progress, fulfilled, closed, expired. There are no contact fields:
/// people share what they choose in messages.
/// </summary>
public sealed record AidResponseDto(
    string Id,
    string ItemId,
    string ItemKind,
    string ItemTitle,
    string ItemState,
    string State,
    string Role,
    MastodonAccount Account,
    MastodonAccount Owner,
    DateTime CreatedAt,
    DateTime? DecidedAt,
    DateTime LastMessageAt,
    bool Paused,
    DateTime? PausedAt,
    bool ClosedBySafeguarding,
    AidThanksDto? Thanks);
