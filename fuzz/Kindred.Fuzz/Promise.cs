namespace Kindred.Fuzz;

/// <summary>The assertion of the targets: a promise that does not hold is a crash.</summary>
public static class Promise
{
    public static void Holds(bool kept, string promise)
    {
        if (!kept)
        {
            throw new BrokenPromiseException(promise);
        }
    }
}
