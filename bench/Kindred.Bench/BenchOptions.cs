using System.Globalization;

namespace Kindred.Bench;

/// <summary>Command-line options; <c>--help</c> prints them.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        Kindred benchmark harness (see README, section Benchmarks)

          dotnet run -c Release --project bench/Kindred.Bench -- [options]

          --scale XS|S|M|L       community size (default S)
          --db sqlite|postgres|both   (default both)
          --duration SECONDS     measured time per scenario (default 20)
          --warmup SECONDS       unmeasured load before each scenario's measured time (default 10)
          --scenarios a,b,...    plaintext is always measured; default: home,web_home,notifications,search,fanout,mixed;
                                 "insights" times the insights job in-process (no server; not in the default set);
                                 "nodes" measures mixed through HAProxy onto one node, then two (PostgreSQL and
                                 Redis, same run; not in the default set)
          --seed N               generator seed (default 42)
          --results DIR          where latest.json and the dated report go (default bench/results; only
                                 that default also updates the table in BENCHMARKS.md)
          --generate-only        build the community and stop
          --reuse                measure an existing community of the same scale, seed and schema again
          --smoke                scale XS, a few seconds per scenario, results under artifacts/bench (CI runs this)
          --durability           instead of measuring speed, the kill -9 rounds (scale XS unless --scale is given):
                                 32 writers post, favourite and join groups through the API, the server is killed
                                 with SIGKILL mid-write and restarted; every acknowledged write must be stored, the
                                 database's integrity check clean and stored counts equal to fresh counts (exit 1 if not)
          --rounds N             kill -9 rounds of --durability (default 20)
        """;

    public static readonly string[] AllScenarios = ["home", "web_home", "notifications", "group", "search", "fanout", "mixed"];

    /// <summary>Scenarios run only when named: "insights" times the insights job in-process, without the server.</summary>
    public static readonly string[] ExtraScenarios = ["insights", "nodes"];

    /// <summary>Whether any chosen scenario needs the Release server.</summary>
    public bool NeedsServer => Durability || MeasuresOneServer || Scenarios.Contains("nodes");

    /// <summary>Whether the single server's scenarios (plaintext and the default set) are measured.</summary>
    public bool MeasuresOneServer => Scenarios.Any(s => !ExtraScenarios.Contains(s));

    public Scale Scale { get; init; } = Scale.S;
    public IReadOnlyList<string> Databases { get; init; } = ["sqlite", "postgres"];
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Unmeasured load before each scenario: the JIT's tier-1 compiles and the caches fill (issue 19, item 7).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);
    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;
    public int Seed { get; init; } = 42;
    public string? ResultsDirectory { get; init; }
    public bool GenerateOnly { get; init; }
    public bool Reuse { get; init; }
    public bool Smoke { get; init; }
    public bool Durability { get; init; }
    public int Rounds { get; init; } = 20;
    public int SampleMembers => Smoke ? 8 : 64;
    /// <summary>At least 100 posts, so the p99 is not just the slowest one or two (issue 19, item 6).</summary>
    public int FanoutPosts => Smoke ? 2 : 100;
    public int FanoutWarmupPosts => Smoke ? 1 : 5;
    public int FanoutWatchers => Smoke ? 5 : 20;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var scaleGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            scaleGiven |= args[i] == "--scale";
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--scale" => options with { Scale = Scale.Parse(Value()) },
                "--db" => options with
                {
                    Databases = Value() switch
                    {
                        "both" => ["sqlite", "postgres"],
                        "sqlite" => ["sqlite"],
                        "postgres" => ["postgres"],
                        var other => throw new ArgumentException($"Unknown database '{other}'."),
                    }
                },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--scenarios" => options with { Scenarios = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--results" => options with { ResultsDirectory = Value() },
                "--generate-only" => options with { GenerateOnly = true },
                "--reuse" => options with { Reuse = true },
                "--smoke" => options with { Smoke = true, Scale = Scale.XS, Duration = TimeSpan.FromSeconds(2), Warmup = TimeSpan.FromSeconds(1) },
                "--durability" => options with { Durability = true },
                "--rounds" => options with { Rounds = int.Parse(Value(), CultureInfo.InvariantCulture) },
                var other => throw new ArgumentException($"Unknown option '{other}'.\n{Usage}"),
            };
        }
        if (options.Durability && !scaleGiven && !options.Smoke)
        {
            options = options with { Scale = Scale.XS };
        }
        if (options.Rounds < 1)
        {
            throw new ArgumentException("--rounds needs at least one round.");
        }
        var unknown = options.Scenarios.Except(AllScenarios).Except(ExtraScenarios).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown scenario(s): {string.Join(", ", unknown)}.");
        }
        return options;
    }
}
