using Kindred.Data.Entities;

namespace Kindred.Core.Statuses;

/// <summary>A thread around one status: what it replies to (oldest first) and the replies below it.</summary>
public sealed record StatusContext(IReadOnlyList<Status> Ancestors, IReadOnlyList<Status> Descendants);
