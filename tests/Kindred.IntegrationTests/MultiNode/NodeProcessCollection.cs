namespace Kindred.IntegrationTests.MultiNode;

/// <summary>The classes that start sets of node processes run one after the other: two sets at once on two cores
/// would spend most of their time starting.</summary>
[CollectionDefinition(Name)]
public sealed class NodeProcessCollection
{
    public const string Name = "Node processes";
}
