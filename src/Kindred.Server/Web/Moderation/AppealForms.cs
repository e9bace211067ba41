using Kindred.Core.Common;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Moderation;

/// <summary>
/// Runs an appeal or its decision from a page (ADR 71) and answers a refusal with its status as well as its message:
/// the moderator who issued the strike gets 403, a second decision or appeal 409, bad input 422, so that a client
/// without a screen (and a test) learns what a reader sees in the notice.
/// </summary>
public static class AppealForms
{
    /// <summary>Null when the action succeeded, else the message for the error notice.</summary>
    public static async Task<string?> RunAsync(HttpContext context, IStringLocalizer t, Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (KindredException e) when (e.Kind != ErrorKind.Unauthorized)
        {
            context.Response.StatusCode = e.Kind switch
            {
                ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                ErrorKind.NotFound => StatusCodes.Status404NotFound,
                ErrorKind.Conflict => StatusCodes.Status409Conflict,
                ErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status400BadRequest,
            };
            return t[e.Message];
        }
    }
}
