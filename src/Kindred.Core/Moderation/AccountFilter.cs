using System.Net;
using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>
/// What the moderators' account list is narrowed to (ADR 72): where the account lives (<see cref="Local"/> true for
/// this server's, false for others', null for both), its standing, moderators and up only, roles, who invited it, the
/// start of its username, part of its display name or domain, part of its e-mail address (admins and the owner only)
/// and an address or network it signed in from.
/// </summary>
public sealed record AccountFilter(
    bool? Local = null,
    AccountStanding? Standing = null,
    bool ModeratorsOnly = false,
    IReadOnlyList<UserRole>? Roles = null,
    long? InvitedBy = null,
    string? Username = null,
    string? DisplayName = null,
    string? Domain = null,
    string? Email = null,
    IPNetwork? Ip = null);
