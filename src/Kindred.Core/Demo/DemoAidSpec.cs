using Kindred.Data.Entities;

namespace Kindred.Core.Demo;

/// <summary>
/// One request or offer of the demo community as the content describes it; the plan chooses who posts it, who answers
/// and when. <see cref="Conversation"/> starts with the answer, then alternates owner and helper. <see cref="Thanks"/>
/// is sent once a fulfilled item's helper is thanked; <see cref="ThanksShared"/> is 0 (private), 1 (the owner agreed to
/// show it) or 2 (both agreed, so it shows on the helper's profile).
/// </summary>
public sealed record DemoAidSpec(
    AidKind Kind,
    string Category,
    string Title,
    string Description,
    AidAudience Audience,
    DemoAidFate Fate,
    int DaysAgo,
    AidUrgency Urgency = AidUrgency.Normal,
    bool French = false,
    int? Group = null,
    bool Sensitive = false,
    bool VettedAnswersOnly = false,
    string[]? Conversation = null,
    string? Thanks = null,
    int ThanksShared = 0);
