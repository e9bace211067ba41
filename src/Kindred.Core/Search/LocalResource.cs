using Kindred.Data.Entities;

namespace Kindred.Core.Search;

/// <summary>What a URL of this server points at, when the viewer may see it: an account, or a status.</summary>
public sealed record LocalResource(Account? Account, Status? Status);
