using Kindred.Core.Relationships;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Suggestions;

/// <summary>"People you may know" (Mastodon docs: methods/suggestions, v2). The choice is made by
/// <see cref="AccountSuggestions"/>; this door only words it in Mastodon's shape.</summary>
public static class SuggestionsEndpoints
{
    public static RouteGroupBuilder MapSuggestionsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v2/suggestions", Suggestions)
            .WithSummary("People the caller may know: shared groups, interests, a nearby area, mutual follows")
            .WithDescription("limit (default 40, at most 80). Never the caller, people they follow or asked to follow, blocked or muted accounts, " +
                "accounts that opted out of discovery, or inactive members. Each suggestion carries Kindred's reasons under kindred.reasons; " +
                "a profile part the suggested person hides from the caller is never used.")
            .Produces<List<MastodonSuggestion>>()
            .WithTags("Suggestions");
        return api;
    }

    private static async Task<IResult> Suggestions(HttpContext context, AccountSuggestions suggestions, AccountRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:accounts");
        var input = await MastodonParams.ReadAsync(context.Request);
        var limit = Math.Clamp(input.WholeNumber("limit") ?? AccountSuggestions.DefaultLimit, 1, AccountSuggestions.MaxLimit);
        var found = await suggestions.SuggestAsync(me, limit, context.RequestAborted);
        var accounts = await renderer.RenderManyAsync(found.Select(s => s.Account).ToList(), me, context.RequestAborted);
        return MastodonJson.Ok(found.Zip(accounts, (s, account) => new MastodonSuggestion
        {
            Source = s.Reasons.Any(r => r.Kind == SuggestionReasonKind.FollowsYou) ? "past_interactions" : "global",
            Sources = Sources(s.Reasons),
            Account = account,
            Kindred = new KindredSuggestion { Reasons = s.Reasons.Select(Render).ToList() },
        }).ToList());
    }

    // Mastodon's list of sources is closed; interests and areas are nearest to "similar", groups and follows to "friends of friends".
    private static List<string> Sources(IReadOnlyList<SuggestionReason> reasons)
    {
        var sources = new List<string>();
        if (reasons.Any(r => r.Kind is SuggestionReasonKind.SharedGroups or SuggestionReasonKind.MutualFollows or SuggestionReasonKind.FollowsYou))
        {
            sources.Add("friends_of_friends");
        }
        if (reasons.Any(r => r.Kind is SuggestionReasonKind.SharedInterest or SuggestionReasonKind.Nearby))
        {
            sources.Add("similar_to_recently_followed");
        }
        return sources;
    }

    private static KindredSuggestionReason Render(SuggestionReason reason) => reason.Kind switch
    {
        SuggestionReasonKind.SharedGroups => new KindredSuggestionReason { Type = "shared_groups", Count = reason.Count },
        SuggestionReasonKind.SharedInterest => new KindredSuggestionReason { Type = "shared_interest", Count = reason.Count, Tag = reason.Detail },
        SuggestionReasonKind.Nearby => new KindredSuggestionReason { Type = "nearby", Area = reason.Detail },
        SuggestionReasonKind.MutualFollows => new KindredSuggestionReason { Type = "mutual_follows", Count = reason.Count },
        _ => new KindredSuggestionReason { Type = "follows_you" },
    };
}
