using System.Xml.Linq;
using Kindred.Core.Common;
using Kindred.Data;

namespace Kindred.UnitTests.Architecture;

/// <summary>
/// Core and Data stay free of ASP.NET Core (ADR 52): business logic must not reach for <c>HttpContext</c>, so that all
/// three front doors, the command line and the jobs can call it. Only the stores that keep Identity's users and the
/// data-protection keys in the database are allowed, with the one interface the keys are used through.
/// </summary>
public class CoreWallTests
{
    private static readonly HashSet<string> AllowedAspNetCoreAssemblies =
    [
        "Microsoft.AspNetCore.Identity.EntityFrameworkCore",
        "Microsoft.AspNetCore.DataProtection.EntityFrameworkCore",
        // IDataProtector, for the digest unsubscribe tokens; a package of its own with no HTTP in it.
        "Microsoft.AspNetCore.DataProtection.Abstractions",
    ];

    public static TheoryData<string> WalledAssemblies => new() { "Kindred.Core", "Kindred.Data" };

    [Theory]
    [MemberData(nameof(WalledAssemblies))]
    public void TheAssemblyReferencesNoAspNetCoreAssemblyButTheDatabaseStores(string name)
    {
        var assembly = name == "Kindred.Core" ? typeof(KindredException).Assembly : typeof(KindredDbContext).Assembly;

        var aspNetCore = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && !AllowedAspNetCoreAssemblies.Contains(n))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(aspNetCore);
    }

    [Theory]
    [MemberData(nameof(WalledAssemblies))]
    public void TheProjectDoesNotReferenceTheAspNetCoreFramework(string name)
    {
        var project = XDocument.Load(RepositoryFiles.PathOf("src", name, name + ".csproj"));

        Assert.Equal("Microsoft.NET.Sdk", project.Root!.Attribute("Sdk")?.Value);
        Assert.Empty(project.Descendants("FrameworkReference"));
        Assert.DoesNotContain(project.Descendants("PackageReference"),
            p => p.Attribute("Include")?.Value is { } package
                && package.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                && !AllowedAspNetCoreAssemblies.Contains(package));
    }

    [Fact]
    public void TheCheckSeesTheStoresDataDoesReference()
    {
        // Were the names read wrongly, the first test would pass on anything: Data's Identity store must show up.
        var references = typeof(KindredDbContext).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Microsoft.AspNetCore.Identity.EntityFrameworkCore", references);
    }
}
