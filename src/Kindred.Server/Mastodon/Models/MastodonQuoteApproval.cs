namespace Kindred.Server.Mastodon.Models;

/// <summary>QuoteApproval (Mastodon 4.5). Kindred has no quote posts, so nobody may quote.</summary>
public sealed record MastodonQuoteApproval(IReadOnlyList<string> Automatic, IReadOnlyList<string> Manual, string CurrentUser)
{
    public static MastodonQuoteApproval Nobody { get; } = new([], [], "denied");
}
