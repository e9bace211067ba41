// The benchmark harness arrives with the benchmark issue; this entry point keeps the folder in the build.
Console.WriteLine("Kindred benchmarks: see README, section Benchmarks.");
