using Kindred.Core.Common;

namespace Kindred.Fuzz;

/// <summary>Runs a parser and lets through only its documented refusal, a <see cref="KindredException"/> of one kind.</summary>
public static class Refusal
{
    /// <returns>The parser's result, or default when it refused the input.</returns>
    public static T? Allow<T>(Func<T> parse, params ErrorKind[] kinds)
    {
        try
        {
            return parse();
        }
        catch (KindredException e) when (kinds.Contains(e.Kind))
        {
            return default;
        }
    }

    /// <returns>Whether the action ran without being refused.</returns>
    public static bool Allow(Action act, params ErrorKind[] kinds)
    {
        try
        {
            act();
            return true;
        }
        catch (KindredException e) when (kinds.Contains(e.Kind))
        {
            return false;
        }
    }
}
