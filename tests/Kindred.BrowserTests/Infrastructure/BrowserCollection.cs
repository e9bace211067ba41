namespace Kindred.BrowserTests.Infrastructure;

/// <summary>Every browser test joins this collection, so they share one server and one browser and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
