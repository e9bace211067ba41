using Kindred.Core.Groups;
using Kindred.Data;
using Kindred.Server.Web.Shared;
using Microsoft.AspNetCore.Components;

namespace Kindred.Server.Web.Groups.Admin;

/// <summary>
/// What every group admin page does first: a group the member may not see is a 404 (as everywhere); one they see but
/// whose role does not reach this page is a 403 with no form on it, so a forged post finds nothing to submit to. The core
/// checks the role again on every change.
/// </summary>
public abstract class GroupAdminPage : KindredPage
{
    [Parameter] public string Slug { get; set; } = "";
    [Inject] protected KindredDbContext Db { get; set; } = default!;
    [Inject] protected GroupQueries Groups { get; set; } = default!;
    [Inject] protected GroupService GroupActions { get; set; } = default!;

    protected LoadedGroup? Loaded { get; private set; }

    /// <summary>A server administrator may delete any group they can see (GroupService.DeleteAsync).</summary>
    protected bool ServerAdmin => ViewerRole is { } role && Kindred.Core.Accounts.Roles.CanAdminister(role);

    /// <summary>Whether the member may use this page.</summary>
    protected abstract bool Allowed(LoadedGroup group);

    /// <summary>Loads what the page shows, once the member is known to be allowed.</summary>
    protected virtual Task OnAllowedAsync() => Task.CompletedTask;

    protected override async Task OnInitializedAsync()
    {
        await ReloadGroupAsync();
        if (Loaded is null)
        {
            Navigation.NotFound();
            return;
        }
        if (!Allowed(Loaded))
        {
            Deny();
            return;
        }
        await OnAllowedAsync();
    }

    /// <summary>The group again (after a change), then what the page shows while the member is still allowed.</summary>
    protected override async Task LoadAsync()
    {
        await ReloadGroupAsync();
        if (Loaded is not null && !Denied)
        {
            await OnAllowedAsync();
        }
    }

    protected async Task ReloadGroupAsync() => Loaded = Me == 0 ? null : await GroupPages.LoadAsync(Db, Groups, Slug, Me);
}
