namespace Kindred.Server.KindredApi.Models;

/// <summary>Kindred's additions to a status: the real visibility, including "members_only" (ADR 11).</summary>
public sealed record KindredStatus(string Visibility);
