namespace Kindred.Server.Web.Shared;

/// <summary>
/// During static rendering, sibling components run their OnInitializedAsync at the same time, but they share the
/// request's one DbContext, which allows one operation at a time (SQLite hides this because its driver completes
/// synchronously; PostgreSQL does not). <see cref="KindredComponent"/>, the base of every component, takes this gate
/// around each component's initialization; nothing else should (it is not reentrant).
/// The gate also counts the components holding or awaiting it, so the request can wait for them
/// (<see cref="WhenIdleAsync"/>): Blazor does not, when it re-executes a request to render a status-code page (ADR 64).
/// </summary>
public sealed class DbGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lock sync = new();
    private int users;
    private TaskCompletionSource? idle;

    public async Task<IDisposable> EnterAsync()
    {
        lock (sync)
        {
            users++;
        }
        try
        {
            await gate.WaitAsync();
        }
        catch
        {
            Leave();
            throw;
        }
        return new Release(this);
    }

    /// <summary>Completes once no component holds or awaits the gate.</summary>
    public Task WhenIdleAsync()
    {
        lock (sync)
        {
            if (users == 0)
            {
                return Task.CompletedTask;
            }
            idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return idle.Task;
        }
    }

    public void Dispose() => gate.Dispose();

    private void Leave()
    {
        TaskCompletionSource? done = null;
        lock (sync)
        {
            users--;
            if (users == 0)
            {
                (done, idle) = (idle, null);
            }
        }
        done?.TrySetResult();
    }

    private sealed class Release(DbGate owner) : IDisposable
    {
        public void Dispose()
        {
            owner.gate.Release();
            owner.Leave();
        }
    }
}
