using SkiaSharp;

namespace Kindred.Core.Common;

/// <summary>
/// The geometry of one <see cref="ImageProcessor"/> run: output size, which part of the upright picture
/// is kept, and how far it is scaled. Kept apart from the pixel work so the arithmetic reads on its own.
/// </summary>
internal sealed record ImageLayout(int OutputWidth, int OutputHeight, double Scale, bool Transposed)
{
    public static ImageLayout Plan(int encodedWidth, int encodedHeight, SKEncodedOrigin origin, ImageRules rules)
    {
        var transposed = IsTransposed(origin);
        var (width, height) = transposed ? (encodedHeight, encodedWidth) : (encodedWidth, encodedHeight);

        double keptWidth = width, keptHeight = height;
        if (rules.Fit == ImageFit.Cover)
        {
            (keptWidth, keptHeight) = CoverCrop(width, height, (double)rules.TargetWidth / rules.TargetHeight);
        }

        // Never scale up: a larger file would carry no more detail.
        var scale = Math.Min(1, Math.Min(rules.TargetWidth / keptWidth, rules.TargetHeight / keptHeight));
        var outputWidth = Math.Max(1, (int)Math.Round(keptWidth * scale));
        var outputHeight = Math.Max(1, (int)Math.Round(keptHeight * scale));
        return new ImageLayout(outputWidth, outputHeight, scale, transposed);
    }

    /// <summary>The centred rectangle to keep, in upright coordinates of the image as decoded (which may be reduced).</summary>
    public SKRect CropIn(int decodedWidth, int decodedHeight)
    {
        var (width, height) = Transposed ? (decodedHeight, decodedWidth) : (decodedWidth, decodedHeight);
        var (keptWidth, keptHeight) = CoverCrop(width, height, (double)OutputWidth / OutputHeight);
        var left = (width - keptWidth) / 2;
        var top = (height - keptHeight) / 2;
        return new SKRect((float)left, (float)top, (float)(left + keptWidth), (float)(top + keptHeight));
    }

    /// <summary>
    /// Maps stored pixels to upright ones for each EXIF orientation (TIFF 6.0 tag 274). The numbers name where
    /// stored row 0 and column 0 end up: RightTop means row 0 is the right edge and column 0 the top, i.e. the
    /// camera was turned a quarter clockwise and the picture must be rotated 90° clockwise to stand up.
    /// </summary>
    public static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    private static bool IsTransposed(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    private static (double Width, double Height) CoverCrop(double width, double height, double aspect) =>
        width / height > aspect ? (height * aspect, height) : (width, width / aspect);
}
