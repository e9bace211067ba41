using PdfSharp.Fonts;
using SkiaSharp;

namespace Kindred.Server.Web.Insights;

/// <summary>
/// PDFsharp measures and embeds fonts it is given; on Linux it finds none itself. This gives it one sans-serif face for
/// every family (bold and italic simulated): a common system font file when there is one, else SkiaSharp's default
/// typeface, which the server already ships for images.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "Kindred Sans";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/Library/Fonts/Arial.ttf",
        @"C:\Windows\Fonts\arial.ttf",
    ];

    private static readonly Lazy<byte[]> Face = new(Load);
    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>Installs the resolver once per process (PDFsharp refuses a second one).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!installed)
            {
                GlobalFontSettings.FontResolver ??= new PdfFonts();
                installed = true;
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(Family, bold, italic);

    public byte[] GetFont(string faceName) => Face.Value;

    private static byte[] Load()
    {
        foreach (var path in Candidates)
        {
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }
        using var typeface = SKTypeface.FromFamilyName("sans-serif") ?? SKTypeface.Default;
        using var stream = typeface.OpenStream(out _);
        var bytes = new byte[stream.Length];
        stream.Read(bytes, bytes.Length);
        return bytes;
    }
}
