using Kindred.Fuzz;

namespace Kindred.UnitTests.Fuzzing;

/// <summary>
/// Every fuzz target over every file of its corpus, without afl or instrumentation (ADR 54): the seeds, and each input
/// afl-fuzz found that broke a parser once it was fixed, so the crash cannot come back unnoticed.
/// </summary>
public class FuzzCorpusTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.All)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(CorpusRoot, target.Name)).Order(StringComparer.Ordinal))
            {
                data.Add(target.Name, Path.GetFileName(file));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void TheTargetKeepsItsPromisesOnTheCorpusFile(string target, string file)
    {
        var run = FuzzTargets.Find(target)!.Run;

        run(File.ReadAllBytes(Path.Combine(CorpusRoot, target, file)));
    }

    [Fact]
    public void EveryTargetHasSeeds()
    {
        foreach (var target in FuzzTargets.All)
        {
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(CorpusRoot, target.Name)));
        }
    }

    private static string CorpusRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Kindred.slnx")))
            {
                directory = directory.Parent;
            }
            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Kindred.slnx not found above the test folder."), "fuzz", "corpus");
        }
    }
}
