using Microsoft.AspNetCore.Components;

namespace Kindred.Server.Web.Shared;

/// <summary>
/// The base of every component under Web/ (set once in Web/_Imports.razor): its initialization and parameter work run
/// under the request's <see cref="DbGate"/>, so components rendered side by side take turns with the request's one
/// DbContext without each having to remember to (ADR 6, ADR 51). Form handlers run after the page has settled, outside it.
/// </summary>
public abstract class KindredComponent : ComponentBase
{
    [Inject] private DbGate Gate { get; set; } = default!;

    /// <summary>Every time a component writes goes through this (ADR 84).</summary>
    [Inject] protected ViewerTimes Times { get; set; } = default!;

    public override async Task SetParametersAsync(ParameterView parameters)
    {
        // A ParameterView is only readable before the first await, so the values are set first and the lifecycle is
        // then run with none left to set.
        parameters.SetParameterProperties(this);
        using var entered = await Gate.EnterAsync();
        // Read once per request by whichever component comes first, so times can be written synchronously in markup.
        await Times.LoadAsync();
        await base.SetParametersAsync(ParameterView.Empty);
    }
}
