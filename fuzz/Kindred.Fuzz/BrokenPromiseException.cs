namespace Kindred.Fuzz;

/// <summary>
/// A parser answered without an exception but broke what it promises (unsafe HTML, an image over its limits). Thrown
/// so afl-fuzz counts the input as a crash, like any exception that is not the parser's documented refusal.
/// </summary>
public sealed class BrokenPromiseException : Exception
{
    public BrokenPromiseException()
    {
    }

    public BrokenPromiseException(string message)
        : base(message)
    {
    }

    public BrokenPromiseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
