namespace Kindred.Core.Welcome;

/// <summary>The group a newcomer's invitation named, which sign-up already made them a member of.</summary>
public sealed record WelcomeGroup(long Id, string Name, string Slug);
