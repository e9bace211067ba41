using System.Text;
using Kindred.Core.Common;
using Kindred.Core.Staff;
using Kindred.Server.Web.Shared;

namespace Kindred.Server.Web.Staff;

/// <summary>The people list as a CSV download for staff, with the same filters as the page.</summary>
public static class PeopleEndpoints
{
    public static IEndpointRouteBuilder MapPeopleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/staff/people.csv", async (HttpContext context, PeopleQueries people, ViewerTimes times) =>
        {
            if (UserClaims.Id(context.User) is not { } me)
            {
                return Results.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
            }
            return await EndpointErrors.AnswerAsync(async () =>
            {
                await people.RequireAsync(me, context.RequestAborted);
                await times.LoadAsync();
                var csv = await people.CsvAsync(me, PeopleQuery.Read(context.Request.Query), times.Format.Zone, context.RequestAborted);
                // Personal data: never cached on the way.
                context.Response.Headers.CacheControl = "no-store";
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", "people.csv");
            });
        }).ExcludeFromDescription();
        return app;
    }
}
