using Kindred.Core.Common;
using SkiaSharp;

namespace Kindred.Fuzz;

/// <summary>
/// Uploaded pictures through <see cref="ImageProcessor.Process(Stream, ImageRules)"/>: refused with an Invalid, or an
/// image of the promised type within its slot that decodes again. The input's length picks the avatar rules (cropped
/// square) or the attachment rules (fit inside), so both layouts are fuzzed without spending a header byte on it.
/// </summary>
public static class ImageTarget
{
    public static void Run(byte[] data)
    {
        var rules = data.Length % 2 == 0 ? ImageRules.Avatar : ImageRules.Attachment;
        var image = Refusal.Allow(() => ImageProcessor.Process(new MemoryStream(data), rules), ErrorKind.Invalid);
        if (image is null)
        {
            return;
        }
        Promise.Holds(image.Width is > 0 && image.Width <= rules.TargetWidth, $"width within the slot ({image.Width})");
        Promise.Holds(image.Height is > 0 && image.Height <= rules.TargetHeight, $"height within the slot ({image.Height})");
        Promise.Holds(image.ContentType is "image/jpeg" or "image/png", $"JPEG or PNG out ({image.ContentType})");
        using var codec = SKCodec.Create(new MemoryStream(image.Bytes));
        Promise.Holds(codec is not null && codec.Info.Width == image.Width && codec.Info.Height == image.Height, "the output decodes at its stated size");
    }
}
