namespace Kindred.UnitTests.Architecture;

/// <summary>Finds the repository's own files from the test's output folder, for tests that read the sources.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kindred.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Kindred.slnx not found above " + AppContext.BaseDirectory);
    }
}
