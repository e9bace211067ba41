namespace Kindred.Server.KindredApi.Models;

/// <summary>One category a member opted in to help with, and how far from home (Kindred extension, ADR 31).</summary>
public sealed record AidHelpingDto(string Category, int RadiusKm);
