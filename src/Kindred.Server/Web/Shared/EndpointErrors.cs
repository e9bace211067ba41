using Kindred.Core.Common;

namespace Kindred.Server.Web.Shared;

/// <summary>
/// The one translation of core errors for the minimal-API endpoints under Web/ (downloads and forms posted without a
/// page), as <see cref="KindredPage.RunAsync"/> is for pages (ADR 51): what the reader may not see is a bare 404, what
/// they see but may not use a 403, and input the core refuses a 400 with its message (or a 404 where the address names
/// nothing). Any other core error goes on to the error handler, as before.
/// </summary>
public static class EndpointErrors
{
    public static async Task<IResult> AnswerAsync(Func<Task<IResult>> work, bool invalidIsNotFound = false)
    {
        try
        {
            return await work();
        }
        catch (KindredException e) when (e.Kind == ErrorKind.NotFound || (invalidIsNotFound && e.Kind == ErrorKind.Invalid))
        {
            return Results.NotFound();
        }
        catch (KindredException e) when (e.Kind == ErrorKind.Forbidden)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (KindredException e) when (e.Kind == ErrorKind.Invalid)
        {
            return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
