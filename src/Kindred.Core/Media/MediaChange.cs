namespace Kindred.Core.Media;

/// <summary>A new description or focal point for one attachment (null leaves it as it is), as PUT /api/v1/media/:id
/// and a status edit's media_attributes[] send them.</summary>
public sealed record MediaChange(long Id, string? Description = null, string? Focus = null);
