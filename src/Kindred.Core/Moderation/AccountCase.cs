using Kindred.Core.Reports;
using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>A local account as the moderators' account view shows it (ADR 67); the e-mail address only by its domain,
/// the address it signed up from and the moderators' notes (ADR 73).</summary>
public sealed record AccountCase(
    Account Account,
    UserRole Role,
    UserStatus Status,
    DateTime JoinedAt,
    DateTime? LastSignInAt,
    string EmailDomain,
    string? SignUpIp,
    bool Limited,
    bool MayAct,
    IReadOnlyList<Strike> Strikes,
    IReadOnlyList<ListedReport> Reports,
    IReadOnlyDictionary<long, string> ModeratorNames,
    IReadOnlyList<ModeratorNote> Notes,
    ModeratorViewer Viewer);
