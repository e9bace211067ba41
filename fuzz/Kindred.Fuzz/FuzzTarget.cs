namespace Kindred.Fuzz;

/// <summary>One parser of member input and the promises it keeps, run on one input.</summary>
/// <param name="Name">The argument of scripts/fuzz.sh and the folder of its seeds under fuzz/corpus.</param>
public sealed record FuzzTarget(string Name, Action<byte[]> Run);
