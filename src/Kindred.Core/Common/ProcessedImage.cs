namespace Kindred.Core.Common;

/// <summary>A re-encoded image with no metadata left from the upload.</summary>
/// <param name="ContentType">"image/jpeg" or "image/png".</param>
/// <param name="Extension">".jpg" or ".png", with the dot.</param>
public sealed record ProcessedImage(byte[] Bytes, string ContentType, string Extension, int Width, int Height);
