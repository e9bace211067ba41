namespace Kindred.Bench.Running;

/// <summary>A generated member the harness acts as: an OAuth token for the API and a session cookie for the web.</summary>
public sealed record Member(string Username, string AccountId, string Token, string Cookie);
