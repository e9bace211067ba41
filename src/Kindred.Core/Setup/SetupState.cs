namespace Kindred.Core.Setup;

/// <summary>Remembers, per process, that setup is done, so the setup gate costs nothing after the first request.</summary>
public sealed class SetupState
{
    private volatile bool complete;

    public bool IsComplete => complete;

    public void MarkComplete() => complete = true;
}
