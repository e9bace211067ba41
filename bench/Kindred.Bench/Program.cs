using Kindred.Bench;
using Kindred.Bench.Reporting;

if (args.Contains("--help"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
var root = RepositoryRoot();
var records = await new BenchRun(options, root, Console.Out).RunAsync();
if (options.GenerateOnly)
{
    return 0;
}
// Smoke runs keep the harness working in CI; their numbers are not results.
// BENCHMARKS.md's table shows bench/results/latest.json, so a run whose results go elsewhere (an A/B trial) leaves it alone.
var resultsDirectory = options.ResultsDirectory ?? (options.Smoke ? Path.Combine(root, "artifacts", "bench", "results") : Path.Combine(root, "bench", "results"));
var intoBenchResults = Path.GetFullPath(resultsDirectory) == Path.GetFullPath(Path.Combine(root, "bench", "results"));
ResultWriter.Write(resultsDirectory, records, options.Smoke || !intoBenchResults ? null : Path.Combine(root, "BENCHMARKS.md"), Console.Out);
var errors = records.Sum(r => r.Errors);
var empty = records.Where(r => r.Rps <= 0).Select(r => $"{r.Db}/{r.Scenario}").ToList();
Console.WriteLine($"{records.Count} records, {errors} errors{(empty.Count > 0 ? $", nothing measured for {string.Join(", ", empty)}" : "")}");
// A smoke run fails when a scenario answered with errors or measured nothing: the harness or the server is broken.
// A durability run fails on any lost write, integrity error or count drift (its records' errors).
return (options.Smoke || options.Durability) && (errors > 0 || empty.Count > 0) ? 1 : 0;

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Kindred.slnx")))
        {
            return directory.FullName;
        }
    }
    throw new InvalidOperationException("Run the harness from inside the Kindred repository.");
}
