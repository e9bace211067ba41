using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Shared;

/// <summary>
/// The base of Kindred's pages (ADR 51): the viewer read once from the sign-in cookie, one place where the page loads
/// what it shows (<see cref="LoadAsync"/>, also called again after an action), and one translation of core errors:
/// <see cref="FindAsync{T}"/> for what the page is about (not found or not visible is a 404, forbidden a 403 with
/// <see cref="Denied"/> set) and <see cref="RunAsync"/> for what the reader does (the message beside the form or in
/// the error notice, or a 404 where "not found" means the page's own subject is gone; sign-in when the session is).
/// </summary>
public abstract class KindredPage : KindredComponent
{
    private readonly Dictionary<EditContext, ValidationMessageStore> stores = [];

    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] private IStringLocalizer<Text> Localizer { get; set; } = default!;

    /// <summary>The signed-in member's id, or null for a visitor.</summary>
    protected long? ViewerId => UserClaims.Id(HttpContext.User);

    /// <summary>The signed-in member's id, 0 for a visitor (for pages that require signing in).</summary>
    protected long Me => ViewerId ?? 0;

    protected bool SignedIn => ViewerId is not null;

    /// <summary>The member's server role from the cookie, or null for a visitor.</summary>
    protected UserRole? ViewerRole => UserClaims.Role(HttpContext.User);

    /// <summary>The reader as the core sees it.</summary>
    protected Kindred.Core.Common.Viewer CoreViewer => ViewerId is { } id ? Kindred.Core.Common.Viewer.Member(id) : Kindred.Core.Common.Viewer.Anonymous;

    /// <summary>True once the page answered 403: the reader sees the thing but may not use this page.</summary>
    protected bool Denied { get; set; }

    /// <summary>The error notice (<c>&lt;Notice Kind="NoticeKind.Error" Text="@Error" /&gt;</c>).</summary>
    protected string? Error { get; set; }

    /// <summary>The success notice.</summary>
    protected string? Done { get; set; }

    /// <summary>The core name of the address filter <see cref="FilterAsync"/> could not read, for aria-invalid beside it.</summary>
    protected string? FilterField { get; set; }

    /// <summary>Loads what the page shows; runs at initialization and again after an action that asks for it.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected override Task OnInitializedAsync() => LoadAsync();

    /// <summary>Answers 403: the page then shows its refusal and no form.</summary>
    protected void Deny()
    {
        Denied = true;
        HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
    }

    /// <summary>
    /// Reads what the page is about: null after answering 404 (not found or not visible; with
    /// <paramref name="invalidIsNotFound"/> also an address that names nothing, such as a date the event does not take
    /// place on) or 403 (forbidden, with <see cref="Denied"/> set).
    /// </summary>
    protected async Task<T?> FindAsync<T>(Func<Task<T>> read, bool invalidIsNotFound = false) where T : class
    {
        try
        {
            return await read();
        }
        catch (KindredException e) when (e.Kind == ErrorKind.NotFound || (invalidIsNotFound && e.Kind == ErrorKind.Invalid))
        {
            Navigation.NotFound();
            return null;
        }
        catch (KindredException e) when (e.Kind == ErrorKind.Forbidden)
        {
            Deny();
            return null;
        }
    }

    /// <summary>Asks the core whether the reader may use the page: false after answering 404 or 403, as <see cref="FindAsync{T}"/>.</summary>
    protected async Task<bool> CheckAsync(Func<Task> check) =>
        await FindAsync(async () =>
        {
            await check();
            return string.Empty;
        }) is not null;

    /// <summary>
    /// Reads a list through filters taken from the address. A filter the core cannot read ("invalid") is no error page:
    /// the form stays with the reason in the error notice (<paramref name="explain"/>'s wording, else the core's message)
    /// and <see cref="FilterField"/> naming the filter; with <paramref name="badRequest"/> the answer is also a 400.
    /// True when the list was read.
    /// </summary>
    protected async Task<bool> FilterAsync(Func<Task> read, Func<KindredException, string>? explain = null, bool badRequest = false)
    {
        try
        {
            await read();
            return true;
        }
        catch (KindredException e) when (e.Kind == ErrorKind.Invalid)
        {
            FilterField = e.Field;
            Error = explain?.Invoke(e) ?? Localizer[e.Message];
            if (badRequest)
            {
                HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            return false;
        }
    }

    /// <summary>
    /// Runs what the reader asked for. On success <see cref="Done"/> is set to <paramref name="done"/>; a core error
    /// becomes the form's error (beside its field when <paramref name="form"/> maps it) or else the error notice, and
    /// "unauthorized" the sign-in page; "rate limited" with a known end also answers 429 with Retry-After. With <paramref name="answerStatus"/>
    /// every refusal answers its own status too (403, 404, 409, 422), for a client without a screen. "Not found" is a 404 with <paramref name="notFoundIsPage"/> (the event the page
    /// shows is gone), otherwise an error like the others (the request or member the form named is gone). With
    /// <paramref name="reload"/> the page loads again either way. True when the action succeeded.
    /// </summary>
    protected async Task<bool> RunAsync(Func<Task> action, string? done = null, PageForm? form = null, bool reload = false, bool notFoundIsPage = false, bool answerStatus = false)
    {
        var succeeded = false;
        try
        {
            await action();
            succeeded = true;
            if (done is not null)
            {
                Done = done;
            }
        }
        catch (KindredException e) when (e.Kind == ErrorKind.NotFound && notFoundIsPage)
        {
            Navigation.NotFound();
            return false;
        }
        catch (KindredException e) when (e.Kind == ErrorKind.Unauthorized)
        {
            Navigation.NavigateTo("/account/sign-in?returnUrl=" + Uri.EscapeDataString("/" + Navigation.ToBaseRelativePath(Navigation.Uri)), forceLoad: true);
            return false;
        }
        catch (KindredException e)
        {
            if (e.Kind == ErrorKind.RateLimited && e.RetryAfter is { } wait)
            {
                // A limit that says when it ends is a 429 a client can act on; one that does not stays a message.
                HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (answerStatus)
            {
                HttpContext.Response.StatusCode = e.Kind switch
                {
                    ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                    ErrorKind.NotFound => StatusCodes.Status404NotFound,
                    ErrorKind.Conflict => StatusCodes.Status409Conflict,
                    ErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
                    _ => StatusCodes.Status400BadRequest,
                };
            }
            if (form is not null)
            {
                FormErrors.Show(form.Context, form.Store, e.Kind == ErrorKind.NotFound && form.NotFoundMeans is { } meaning ? meaning : e, form.Fields, form.Model, Localizer);
            }
            else
            {
                Error = Localizer[e.Message];
            }
        }
        if (reload)
        {
            await LoadAsync();
        }
        return succeeded;
    }

    /// <summary>The form being sent, its earlier errors cleared; <paramref name="fields"/> maps core field names to the model's properties.</summary>
    protected PageForm FormFor(EditContext context, object model, IReadOnlyDictionary<string, string>? fields = null)
    {
        if (!stores.TryGetValue(context, out var store))
        {
            store = new ValidationMessageStore(context);
            stores[context] = store;
        }
        store.Clear();
        return new PageForm(context, store, model, fields ?? PageForm.NoFields);
    }
}
