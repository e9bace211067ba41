namespace Kindred.Core.Demo;

/// <summary>What <see cref="DemoSeeder.SeedAsync"/> made, for the command line and the setup page to report.</summary>
public sealed record DemoSeedResult(
    string OrganizationUsername,
    string MemberPassword,
    IReadOnlyList<string> SampleUsernames,
    int Members,
    int Groups,
    int Follows,
    int Posts,
    int Invitations,
    int AidItems,
    int Events,
    TimeSpan Elapsed);
