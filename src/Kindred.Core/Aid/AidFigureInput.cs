using Kindred.Data.Entities;

namespace Kindred.Core.Aid;

/// <summary>The facts of one request the figures need.</summary>
public sealed record AidFigureInput(string Category, string Area, AidItemState State, DateTime CreatedAt, DateTime? FirstResponseAt, DateTime? EndedAt);
