using Kindred.Fuzz;

// afl-fuzz starts this once per target and feeds it inputs through SharpFuzz's fork server (scripts/fuzz.sh);
// "replay" runs files through a target without afl, to reproduce a crash under a debugger.
if (args.Length == 1 && FuzzTargets.Find(args[0]) is { } target)
{
    SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target.Run(buffer.ToArray());
    });
    return 0;
}
if (args.Length >= 3 && args[0] == "replay" && FuzzTargets.Find(args[1]) is { } replayed)
{
    foreach (var file in args.Skip(2))
    {
        Console.WriteLine(file);
        replayed.Run(File.ReadAllBytes(file));
    }
    return 0;
}
Console.Error.WriteLine("usage: Kindred.Fuzz <target>   |   Kindred.Fuzz replay <target> <file>...");
Console.Error.WriteLine("targets: " + string.Join(", ", FuzzTargets.All.Select(t => t.Name)));
return 2;
