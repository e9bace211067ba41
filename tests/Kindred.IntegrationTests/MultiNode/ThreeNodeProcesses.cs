namespace Kindred.IntegrationTests.MultiNode;

/// <summary>Three node processes behind HAProxy: enough to show an event crossing to two other nodes.</summary>
public sealed class ThreeNodeProcesses : NodeProcesses
{
    protected override int NodeCount => 3;
}
