using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>An appeal in the moderators' queue: the appeal, its strike and the member's username.</summary>
public sealed record ListedAppeal(Appeal Appeal, Strike Strike, string Username);
