using Kindred.Data.Entities;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Aid.Responses;

/// <summary>The words for aid conversation states, shared by the conversation pages and the leads' pages.</summary>
public static class AidWording
{
    /// <summary>"I can help" for a request, "I'd like this" for an offer.</summary>
    public static string Answer(IStringLocalizer t, AidKind kind) => kind == AidKind.Request ? t["I can help with this"] : t["I would like this"];

    public static string State(IStringLocalizer t, AidResponseState state) => state switch
    {
        AidResponseState.Pending => t["Waiting for an answer"],
        AidResponseState.Accepted => t["Answer accepted"],
        AidResponseState.Declined => t["Answer declined"],
        _ => t["Answer withdrawn"],
    };

    public static string ItemState(IStringLocalizer t, AidItemState state) => state switch
    {
        AidItemState.Open => t["Open for answers"],
        AidItemState.InProgress => t["Help under way"],
        AidItemState.Fulfilled => t["Help given"],
        AidItemState.Closed => t["Closed without help"],
        _ => t["Ran out of time"],
    };
}
