namespace Kindred.Core.Exports;

/// <summary>The payload of an <see cref="ExportJob"/>.</summary>
public sealed record ExportRequest(long ExportId, string BaseUrl);
