using Kindred.Core.Common;
using Kindred.Core.Exports;
using Kindred.Server.Web.Shared;

namespace Kindred.Server.Web.Settings;

/// <summary>The download of a member's export (ADR 69): signed in, their own, finished and not expired; anything else
/// is a 404 that does not say whether the export exists.</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/settings/export/{id:long}.zip", Download).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Download(long id, HttpContext context, ExportService exports)
    {
        if (UserClaims.Id(context.User) is not { } me)
        {
            return Results.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(context.Request.Path));
        }
        return await EndpointErrors.AnswerAsync(async () =>
        {
            // From the media store (ADR 98), so a download through any node finds an export another node built.
            var opened = await exports.OpenAsync(me, id, context.RequestAborted);
            context.Response.RegisterForDisposeAsync(opened);
            // The member's whole data: never kept by a cache on the way.
            context.Response.Headers.CacheControl = "no-store";
            return Results.Stream(opened.Content, "application/zip", $"kindred-export-{id}.zip", opened.LastModified);
        });
    }
}
