using System.Globalization;
using Kindred.Core.Aid;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.KindredApi.Rendering;

/// <summary>Wire types of the vetted-helper, safeguarding-lead, helping, matching, figures and audit extensions (ADR 31).</summary>
public static class AidSafeguardingRenderer
{
    public static VettedHelperDto Render(VettedHelperRow row) => new(
        Id(row.Grant.Id), Id(row.Grant.AccountId), row.Username, row.DisplayName,
        row.Grant.VettedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Grant.Note, row.Grant.GrantedAt, row.GrantedBy,
        row.Grant.RevokedAt, row.RevokedBy, row.Grant.RevokedAt is null ? null : row.Grant.RevokeNote, row.Current);

    public static SafeguardingLeadDto Render(SafeguardingLeadRow row) => new(Id(row.AccountId), row.Username, row.DisplayName);

    public static AidHelpingDto Render(AidHelpingChoice choice) => new(choice.Category, choice.RadiusKm);

    public static AidMatchesDto Render(AidSuggestions suggestions, IReadOnlyDictionary<long, string> categorySlugs, string baseUrl) => new(
        Id(suggestions.Item.Id), Kind(suggestions.Item.Kind),
        suggestions.Items.Select(s => new AidMatchDto(
            Id(s.Item.Id), Kind(s.Item.Kind), categorySlugs.GetValueOrDefault(s.Item.CategoryId, ""), s.Item.Title, s.Item.AreaName, s.Username,
            s.Distance?.UpperKm, s.Distance?.Name, s.Score, $"{baseUrl}/aid/{Id(s.Item.Id)}")).ToList(),
        suggestions.Helpers);

    public static AidFiguresDto Render(AidFigureReport report) => new(report.From, report.To, Render(report.Overall),
        report.ByCategory.Select(Render).ToList(), report.ByArea.Select(Render).ToList());

    public static AidViewDto Render(AidViewRow row) => new(Id(row.Id), Id(row.ItemId), row.ItemTitle, Id(row.ViewerId), row.ViewerUsername, row.ViewedAt, row.Via);

    private static AidFigureRowDto Render(AidFigureRow row) => new(row.Key, row.Requests, row.Fulfilled, row.EndedUnfulfilled,
        Round(row.FulfilmentRate), Round(row.MedianHoursToFirstResponse), Round(row.MedianHoursToFulfilment));

    private static string Kind(Data.Entities.AidKind kind) => kind == Data.Entities.AidKind.Request ? "request" : "offer";

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
