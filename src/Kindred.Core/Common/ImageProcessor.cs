using SkiaSharp;

namespace Kindred.Core.Common;

/// <summary>
/// Turns an uploaded picture into one we are willing to store and serve: bounded in bytes and pixels,
/// upright, cropped and scaled to its slot, and re-encoded from pixels so no EXIF, GPS position, camera
/// serial or embedded thumbnail survives. Members post photos from their phones; the location of their
/// home must not travel with them.
/// </summary>
/// <remarks>
/// Output is JPEG (quality 85) when the result is fully opaque and PNG when any pixel is transparent.
/// Both are readable by every browser, Mastodon client and e-mail client, which WebP still is not
/// (desktop Outlook). Images are never scaled up, so a small picture stays small but still gets cropped
/// to the slot's shape. Animated images keep their first frame.
/// </remarks>
public static class ImageProcessor
{
    /// <summary>Longest side accepted, whatever the pixel budget, as Mastodon and browsers do.</summary>
    public const int MaxSide = 8192;

    private const int JpegQuality = 85;

    // Formats people actually upload. Skia also sniffs WBMP, whose header is loose enough that random
    // bytes can pass for one, and ICO/DNG, which we have no use for.
    private static readonly HashSet<SKEncodedImageFormat> AcceptedFormats =
    [
        SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp, SKEncodedImageFormat.Gif,
        SKEncodedImageFormat.Bmp, SKEncodedImageFormat.Heif, SKEncodedImageFormat.Avif,
    ];

    // Trilinear mipmapped sampling stays smooth at any reduction factor, where bicubic alone aliases.
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <exception cref="KindredException">Invalid when the upload is too big, too large in pixels or not an image.</exception>
    public static ProcessedImage Process(Stream input, ImageRules rules)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            Append(buffer, chunk.AsSpan(0, read), rules);
        }

        return Process(buffer, rules);
    }

    /// <summary>Reads the upload asynchronously (request bodies forbid blocking reads), then processes it.</summary>
    /// <exception cref="KindredException">Invalid when the upload is too big, too large in pixels or not an image.</exception>
    public static async Task<ProcessedImage> ProcessAsync(Stream input, ImageRules rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, cancellationToken)) > 0)
        {
            Append(buffer, chunk.AsSpan(0, read), rules);
        }

        return Process(buffer, rules);
    }

    private static void Append(MemoryStream buffer, ReadOnlySpan<byte> chunk, ImageRules rules)
    {
        if (buffer.Length + chunk.Length > rules.MaxBytes)
        {
            throw KindredException.Invalid(rules.Field, $"The image is larger than {FormatMegabytes(rules.MaxBytes)}.");
        }

        buffer.Write(chunk);
    }

    private static ProcessedImage Process(MemoryStream buffer, ImageRules rules)
    {
        if (buffer.Length == 0)
        {
            throw KindredException.Invalid(rules.Field, "The file is empty.");
        }

        using var data = SKData.CreateCopy(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        using var codec = SKCodec.Create(data);
        if (codec is null || !AcceptedFormats.Contains(codec.EncodedFormat) || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            throw KindredException.Invalid(rules.Field, "The file is not an image in a supported format (JPEG, PNG, WebP or GIF).");
        }

        // Only the header has been read so far; refuse decompression bombs before allocating pixels.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width > MaxSide || height > MaxSide || (long)width * height > rules.MaxPixels)
        {
            throw KindredException.Invalid(
                rules.Field,
                $"The image is {width}×{height} pixels, which is too large. Images may be at most {MaxSide} pixels on a side and {rules.MaxPixels / 1_000_000.0:0.#} megapixels in total.");
        }

        var layout = ImageLayout.Plan(width, height, codec.EncodedOrigin, rules);
        using var decoded = Decode(codec, layout, rules);
        return Render(decoded, codec, layout);
    }

    private static SKImage Decode(SKCodec codec, ImageLayout layout, ImageRules rules)
    {
        // JPEG and WebP can decode straight at a reduced size, which saves most of the memory and time for
        // a 12-megapixel photo that will end up 400 pixels wide.
        var size = codec.Info.Size;
        if (layout.Scale < 1)
        {
            var scaled = codec.GetScaledDimensions((float)layout.Scale);
            if (scaled.Width >= Math.Floor(size.Width * layout.Scale) && scaled.Height >= Math.Floor(size.Height * layout.Scale))
            {
                size = scaled;
            }
        }

        var alphaType = codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;

        // Decoding into sRGB converts wide-gamut photos now, since their colour profile is dropped on encode.
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, alphaType, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw KindredException.Invalid(rules.Field, "The image file is damaged or incomplete.");
        }

        // Immutable lets the image share the bitmap's pixels instead of copying them.
        bitmap.SetImmutable();
        var image = SKImage.FromBitmap(bitmap);
        bitmap.Dispose();
        return image;
    }

    private static ProcessedImage Render(SKImage decoded, SKCodec codec, ImageLayout layout)
    {
        var opaque = codec.Info.AlphaType == SKAlphaType.Opaque;
        using var surface = SKSurface.Create(new SKImageInfo(layout.OutputWidth, layout.OutputHeight, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Could not allocate the output image.");

        var canvas = surface.Canvas;
        canvas.Clear(opaque ? SKColors.White : SKColors.Transparent);
        var crop = layout.CropIn(decoded.Width, decoded.Height);
        canvas.Scale((float)(layout.OutputWidth / crop.Width), (float)(layout.OutputHeight / crop.Height));
        canvas.Translate(-crop.Left, -crop.Top);
        var orientation = ImageLayout.OrientationMatrix(codec.EncodedOrigin, decoded.Width, decoded.Height);
        canvas.Concat(in orientation);
        canvas.DrawImage(decoded, 0, 0, Sampling);
        canvas.Flush();

        using var pixels = surface.PeekPixels();
        var transparent = !opaque && HasTransparentPixel(pixels);
        using var encoded = transparent
            ? pixels.Encode(SKEncodedImageFormat.Png, 100)
            : pixels.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        if (encoded is null)
        {
            throw new InvalidOperationException("Could not encode the processed image.");
        }

        return transparent
            ? new ProcessedImage(encoded.ToArray(), "image/png", ".png", layout.OutputWidth, layout.OutputHeight)
            : new ProcessedImage(encoded.ToArray(), "image/jpeg", ".jpg", layout.OutputWidth, layout.OutputHeight);
    }

    // PNGs and WebPs often carry an alpha channel that is fully opaque; those are photos and compress far
    // better as JPEG.
    private static bool HasTransparentPixel(SKPixmap pixels)
    {
        var bytes = pixels.GetPixelSpan();
        for (var alpha = 3; alpha < bytes.Length; alpha += 4)
        {
            if (bytes[alpha] != 255)
            {
                return true;
            }
        }

        return false;
    }

    private static string FormatMegabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
