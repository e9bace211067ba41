using SkiaSharp;

namespace Kindred.Core.Demo;

/// <summary>
/// Simple generated profile pictures for demo members: a symmetric 5×5 pattern on a soft colour, drawn without text
/// so no font has to be installed. They go through the same image processing and media storage as any upload.
/// </summary>
public static class DemoAvatars
{
    private const int Size = 120;

    private static readonly SKColor[] Backgrounds =
    [
        new(0xFF, 0xE3, 0xD3), new(0xD8, 0xF0, 0xE0), new(0xDC, 0xE6, 0xFA), new(0xF5, 0xE1, 0xF5),
        new(0xFF, 0xF1, 0xC7), new(0xD6, 0xF1, 0xF3),
    ];

    private static readonly SKColor[] Foregrounds =
    [
        new(0xB3, 0x44, 0x1E), new(0x2E, 0x7D, 0x4F), new(0x2F, 0x55, 0xA4), new(0x8A, 0x3F, 0x8C),
        new(0x9A, 0x6B, 0x00), new(0x1B, 0x6F, 0x78),
    ];

    /// <summary>A PNG for <paramref name="seed"/>; the same seed always draws the same picture.</summary>
    public static MemoryStream Draw(int seed)
    {
        var random = new Random(seed);
        var colour = random.Next(Backgrounds.Length);
        using var bitmap = new SKBitmap(Size, Size);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(Backgrounds[colour]);
            using var paint = new SKPaint { Color = Foregrounds[colour], IsAntialias = false };
            const int cell = Size / 6;
            const int margin = (Size - (5 * cell)) / 2;
            for (var row = 0; row < 5; row++)
            {
                for (var column = 0; column < 3; column++)
                {
                    if (random.NextDouble() < 0.5)
                    {
                        continue;
                    }
                    canvas.DrawRect(margin + (column * cell), margin + (row * cell), cell, cell, paint);
                    canvas.DrawRect(margin + ((4 - column) * cell), margin + (row * cell), cell, cell, paint);
                }
            }
        }
        var stream = new MemoryStream();
        using (var image = SKImage.FromBitmap(bitmap))
        using (var data = image.Encode(SKEncodedImageFormat.Png, 100))
        {
            data.SaveTo(stream);
        }
        stream.Position = 0;
        return stream;
    }
}
