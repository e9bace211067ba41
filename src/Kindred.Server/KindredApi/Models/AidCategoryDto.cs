namespace Kindred.Server.KindredApi.Models;

/// <summary>A category of help: a stable slug, a display name (English for the built-in ones, which clients may translate by slug).</summary>
public sealed record AidCategoryDto(string Id, string Slug, string Name, bool BuiltIn, bool Archived);
