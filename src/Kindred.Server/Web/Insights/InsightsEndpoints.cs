using System.Globalization;
using System.Text;
using Kindred.Core.Common;
using Kindred.Core.Insights;
using Kindred.Data;
using Kindred.Server.Web.Shared;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Insights;

/// <summary>A report's downloads for staff: every figure as CSV and the report as a PDF (ADR 57). Both carry only the
/// funder's tables, as the printable page does.</summary>
public static class InsightsEndpoints
{
    public static IEndpointRouteBuilder MapInsightsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/staff/insights/report/{id:long}.csv", (long id, HttpContext context, InsightsService insights) =>
            DownloadAsync(id, context, insights, (figures, _) => Task.FromResult(
                (Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(InsightsCsv.Write(figures.ForFunder))).ToArray(), "text/csv; charset=utf-8", "csv"))))
            .ExcludeFromDescription();
        app.MapGet("/staff/insights/report/{id:long}.pdf", (long id, HttpContext context, InsightsService insights, OrganizationSettings settings, IStringLocalizer<Text> localizer) =>
            DownloadAsync(id, context, insights, async (figures, ct) =>
            {
                var organization = (await settings.GetAsync(ct)).Name;
                return (InsightsPdf.Write(figures, organization, localizer), "application/pdf", "pdf");
            }))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(long id, HttpContext context, InsightsService insights,
        Func<InsightFigures, CancellationToken, Task<(byte[] Bytes, string Type, string Extension)>> render)
    {
        if (UserClaims.Id(context.User) is not { } me)
        {
            return Results.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        }
        return await EndpointErrors.AnswerAsync(async () =>
        {
            var report = await insights.FindAsync(me, id, context.RequestAborted);
            if (report.Figures is not { } figures)
            {
                return Results.Conflict("The report is still being prepared; try again in a minute.");
            }
            var (bytes, type, extension) = await render(figures, context.RequestAborted);
            // The organization's figures: never cached on the way.
            context.Response.Headers.CacheControl = "no-store";
            var name = string.Create(CultureInfo.InvariantCulture, $"insights-{figures.From:yyyy-MM-dd}-{figures.To.AddTicks(-1):yyyy-MM-dd}.{extension}");
            return Results.File(bytes, type, name);
        });
    }
}
