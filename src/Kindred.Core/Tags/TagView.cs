using Kindred.Data.Entities;

namespace Kindred.Core.Tags;

/// <summary>
/// A hashtag as the API shows it: the stored tag (null when nobody has used or followed the name yet), its name and
/// spelling, whether the viewer follows it (null for visitors and apps) and its last seven days, newest first.
/// </summary>
public sealed record TagView(Tag? Tag, string Name, string Display, bool? Following, IReadOnlyList<TagDay> History);
