using Kindred.Data.Entities;

namespace Kindred.Core.Demo;

/// <summary>One group of the demo community as the content describes it; the seeder decides who joins.</summary>
public sealed record DemoGroupSpec(
    string Slug,
    string Name,
    string Description,
    GroupKind Kind,
    GroupVisibility Visibility,
    GroupJoinPolicy JoinPolicy,
    string[] Tags,
    int? Area = null,
    int? RadiusKm = null,
    int? Parent = null,
    string Rules = "",
    string[]? Questions = null);
