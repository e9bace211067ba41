namespace Kindred.Core.Notifications;

/// <summary>What GET /api/v1 and /api/v2/notifications narrow by: types[], exclude_types[], account_id, and
/// include_filtered (also what the member's policy held back, ADR 79).</summary>
public sealed record NotificationFilter(IReadOnlyList<string> Types, IReadOnlyList<string> ExcludeTypes, long? FromAccountId, bool IncludeFiltered = false);
