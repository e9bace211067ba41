using SkiaSharp;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>Small real images made on the spot, including a JPEG that carries GPS data in its EXIF block.</summary>
public static class TestImages
{
    public const string GpsMarker = "GPS-SECRET-45.7640N-4.8357E";

    public static byte[] Png(int width = 64, int height = 64)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(30, 120, 200));
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    /// <summary>A JPEG with an APP1 "Exif" segment holding <see cref="GpsMarker"/> right after the SOI marker.</summary>
    public static byte[] JpegWithGps(int width = 300, int height = 200)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(200, 80, 40));
        }
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        var payload = System.Text.Encoding.ASCII.GetBytes("Exif\0\0" + GpsMarker);
        var length = payload.Length + 2;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF) }.Concat(payload);
        return [.. jpeg.Take(2), .. segment, .. jpeg.Skip(2)];
    }
}
