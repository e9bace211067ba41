using Kindred.Data.Entities;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Safeguarding;

/// <summary>The words for where an "I feel unsafe" escalation stands (ADR 75).</summary>
public static class SafetyWording
{
    public static string State(IStringLocalizer t, SafetyEscalation e) => e.Decision switch
    {
        null => t["Waiting for review"],
        SafetyDecision.Resolved => t["Resolved: contact may resume"],
        SafetyDecision.KeptPaused => t["Contact kept paused"],
        _ => t["Referred to the moderators"],
    };
}
