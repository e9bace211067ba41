using Kindred.Data.Entities;

namespace Kindred.Core.Peers;

/// <summary>A post as another server may read it: the post, or nothing; <see cref="Gone"/> when it was readable and
/// has been deleted (410 instead of 404, so the peer drops its copy).</summary>
public sealed record FederatedStatus(Status? Status, bool Gone);
