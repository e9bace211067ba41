using System.Text.Json.Serialization;

namespace Kindred.Server.Mastodon.Models;

/// <summary>
/// The Admin::Account entity (Mastodon docs: entities/Admin_Account), in Mastodon's key order. What Kindred does not know
/// is sent as Mastodon sends it for another server's account: null, empty or false (ADR 72).
/// </summary>
public sealed class MastodonAdminAccount
{
    public required string Id { get; init; }
    public required string Username { get; init; }
    public required string? Domain { get; init; }
    public required string CreatedAt { get; init; }
    public required string? Email { get; init; }
    public required string? Ip { get; init; }
    public required IReadOnlyList<MastodonAdminIp> Ips { get; init; }
    public required string? Locale { get; init; }
    public required string? InviteRequest { get; init; }
    public required MastodonRole? Role { get; init; }
    public required bool Confirmed { get; init; }
    public required bool Approved { get; init; }
    public required bool Disabled { get; init; }
    public required bool Silenced { get; init; }
    public required bool Suspended { get; init; }
    public required bool Sensitized { get; init; }
    public required MastodonAccount Account { get; init; }

    /// <summary>Written only for an invited member, as Mastodon does.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InvitedByAccountId { get; init; }
}
