using Kindred.Core.Organizations;

namespace Kindred.Server.Mastodon;

/// <summary>
/// Closes an API call made with a token granted "act as the organization" (ADR 65): a write that left no row of its own
/// in the audit log (undoing a boost deletes in SQL; a profile change names no post) gets one entry naming the call, so
/// every action taken as the organization names its staff member. Reads and refused calls record nothing.
/// </summary>
public sealed class OrganizationActing : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || result is IStatusCodeHttpResult { StatusCode: >= 400 })
        {
            return result;
        }
        var voice = http.RequestServices.GetRequiredService<OrganizationVoice>();
        if (voice.ActingStaffId is not null)
        {
            await voice.FinishAsync($"{http.Request.Method} {http.Request.Path}", http.RequestAborted);
        }
        return result;
    }
}
