using SkiaSharp;

namespace Kindred.BrowserTests.Infrastructure;

public static class TestImages
{
    /// <summary>A small opaque PNG drawn on the spot, so no binary file lives in the repository.</summary>
    public static byte[] Png(int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(colour);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
