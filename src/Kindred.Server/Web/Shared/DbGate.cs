namespace Kindred.Server.Web.Shared;

/// <summary>
/// During static rendering, sibling components run their OnInitializedAsync at the same time, but they share the
/// request's one DbContext, which allows one operation at a time (SQLite hides this because its driver completes
/// synchronously; PostgreSQL does not). <see cref="KindredComponent"/>, the base of every component, takes this gate
/// around each component's initialization; nothing else should (it is not reentrant).
/// </summary>
public sealed class DbGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> EnterAsync()
    {
        await gate.WaitAsync();
        return new Release(gate);
    }

    public void Dispose() => gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
