namespace Kindred.Core.Demo;

/// <summary>Where a demo aid item has got to by the end of the demo's history.</summary>
public enum DemoAidFate
{
    /// <summary>Still open; with a conversation, its one answer is still waiting for the owner.</summary>
    Open,

    /// <summary>The owner accepted the answer; the help is under way.</summary>
    InProgress,

    /// <summary>The owner accepted the answer and then marked the item fulfilled.</summary>
    Fulfilled,

    /// <summary>The owner closed it without it being fulfilled.</summary>
    Closed,
}
