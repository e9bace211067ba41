using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>A moderator, admin or owner as the console knows them: the id and the role from the database.</summary>
public sealed record ModeratorViewer(long Id, UserRole Role);
