using System.Buffers.Binary;
using System.Text;
using Kindred.Core.Common;
using SkiaSharp;

namespace Kindred.UnitTests.Common;

public class ImageProcessorTests
{
    private const string GpsMarker = "GPS 51.50740N 0.12780W kindred-secret-home";

    [Fact]
    public void ExifAndGpsMetadataAreGoneFromTheProcessedImage()
    {
        var upload = WithExif(Jpeg(800, 600), orientation: 1);
        Assert.Contains(GpsMarker, Encoding.ASCII.GetString(upload));

        var image = ImageProcessor.Process(new MemoryStream(upload), ImageRules.Avatar);

        var text = Encoding.ASCII.GetString(image.Bytes);
        Assert.DoesNotContain("Exif", text);
        Assert.DoesNotContain(GpsMarker, text);
        Assert.DoesNotContain("51.50740N", text);
        Assert.Equal((400, 400), (image.Width, image.Height));
        Assert.Equal(("image/jpeg", ".jpg"), (image.ContentType, image.Extension));
        AssertDimensions(image, 400, 400);
    }

    [Fact]
    public void ExifOrientationIsAppliedBeforeTheMetadataIsDropped()
    {
        // Left half red, right half blue, stored sideways: orientation 6 says "rotate 90° clockwise to view".
        var upload = WithExif(Jpeg(800, 600), orientation: 6);
        using (var codec = SKCodec.Create(new MemoryStream(upload)))
        {
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);
        }

        var image = ImageProcessor.Process(new MemoryStream(upload), ImageRules.Attachment);

        Assert.Equal((600, 800), (image.Width, image.Height));
        using var bitmap = SKBitmap.Decode(image.Bytes);
        Assert.True(IsRed(bitmap.GetPixel(300, 100)), "the left half should now be on top");
        Assert.True(IsBlue(bitmap.GetPixel(300, 700)), "the right half should now be at the bottom");
    }

    [Fact]
    public void AvatarsAreCroppedToASquareFromTheCentre()
    {
        var image = ImageProcessor.Process(new MemoryStream(Jpeg(1200, 400)), ImageRules.Avatar);

        Assert.Equal((400, 400), (image.Width, image.Height));
        using var bitmap = SKBitmap.Decode(image.Bytes);
        Assert.True(IsRed(bitmap.GetPixel(100, 200)));
        Assert.True(IsBlue(bitmap.GetPixel(300, 200)));
    }

    [Fact]
    public void HeadersAreCroppedToThreeByOne()
    {
        var image = ImageProcessor.Process(new MemoryStream(Jpeg(3000, 2000)), ImageRules.Header);

        AssertDimensions(image, 1500, 500);
    }

    [Fact]
    public void SmallImagesAreCroppedButNotScaledUp()
    {
        var image = ImageProcessor.Process(new MemoryStream(Jpeg(200, 100)), ImageRules.Avatar);

        AssertDimensions(image, 100, 100);
    }

    [Fact]
    public void AttachmentsKeepTheirWholePictureWhenScaledDown()
    {
        var image = ImageProcessor.Process(new MemoryStream(Jpeg(3840, 1000)), ImageRules.Attachment);

        AssertDimensions(image, 1920, 500);
    }

    [Fact]
    public void TransparentImagesStayPng()
    {
        var image = ImageProcessor.Process(new MemoryStream(Png(600, 600, SKColors.Transparent)), ImageRules.Avatar);

        Assert.Equal(("image/png", ".png"), (image.ContentType, image.Extension));
        using var bitmap = SKBitmap.Decode(image.Bytes);
        Assert.Equal(0, bitmap.GetPixel(5, 5).Alpha);
    }

    [Fact]
    public void OpaquePngsBecomeJpeg()
    {
        var image = ImageProcessor.Process(new MemoryStream(Png(600, 600, SKColors.Green)), ImageRules.Avatar);

        Assert.Equal("image/jpeg", image.ContentType);
    }

    [Fact]
    public async Task UploadsCanBeReadAsynchronously()
    {
        var image = await ImageProcessor.ProcessAsync(new MemoryStream(Jpeg(500, 500)), ImageRules.Avatar);

        AssertDimensions(image, 400, 400);
    }

    [Fact]
    public void BytesThatAreNotAnImageAreInvalid()
    {
        var error = Assert.Throws<KindredException>(
            () => ImageProcessor.Process(new MemoryStream(Encoding.UTF8.GetBytes("<svg onload=alert(1)>")), ImageRules.Avatar));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("avatar", error.Field);
        Assert.Contains("not an image", error.Message);
    }

    [Fact]
    public void AnEmptyUploadIsInvalid()
    {
        var error = Assert.Throws<KindredException>(() => ImageProcessor.Process(new MemoryStream(), ImageRules.Header));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("header", error.Field);
    }

    [Fact]
    public void ATruncatedImageIsInvalid()
    {
        var jpeg = Jpeg(800, 600);

        var error = Assert.Throws<KindredException>(
            () => ImageProcessor.Process(new MemoryStream(jpeg[..(jpeg.Length / 2)]), ImageRules.Avatar));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void AHeaderClaimingHugeDimensionsIsRejectedWithoutDecoding()
    {
        var error = Assert.Throws<KindredException>(
            () => ImageProcessor.Process(new MemoryStream(PngHeaderOnly(20_000, 20_000)), ImageRules.Avatar));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("20000×20000", error.Message);
    }

    [Fact]
    public void TooManyPixelsIsInvalidEvenWhenEachSideIsAllowed()
    {
        var error = Assert.Throws<KindredException>(
            () => ImageProcessor.Process(new MemoryStream(PngHeaderOnly(5000, 4000)), ImageRules.Attachment));

        Assert.Contains("5000×4000", error.Message);
    }

    [Fact]
    public void UploadsOverTheByteLimitAreInvalid()
    {
        var rules = ImageRules.Avatar with { MaxBytes = 1000 };

        var error = Assert.Throws<KindredException>(() => ImageProcessor.Process(new MemoryStream(Jpeg(800, 600)), rules));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("larger than", error.Message);
    }

    [Fact]
    public void ReadingStopsAtTheLimitWhateverTheStreamClaims()
    {
        using var endless = new EndlessStream();

        var error = Assert.Throws<KindredException>(() => ImageProcessor.Process(endless, ImageRules.Avatar));

        Assert.Contains("larger than 2 MB", error.Message);
        Assert.InRange(endless.BytesRead, 1, (2 * 1024 * 1024) + 81920);
    }

    private static void AssertDimensions(ProcessedImage image, int width, int height)
    {
        Assert.Equal((width, height), (image.Width, image.Height));
        using var codec = SKCodec.Create(new MemoryStream(image.Bytes));
        Assert.Equal((width, height), (codec.Info.Width, codec.Info.Height));
    }

    private static bool IsRed(SKColor color) => color.Red > 200 && color.Blue < 60;

    private static bool IsBlue(SKColor color) => color.Blue > 200 && color.Red < 60;

    private static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, red);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static byte[] Png(int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(color);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// Inserts an APP1 segment right after the JPEG's start-of-image marker, laid out as a phone camera does:
    /// "Exif\0\0" then a little-endian TIFF header and one IFD with ImageDescription (carrying the marker
    /// text) and Orientation.
    /// </summary>
    private static byte[] WithExif(byte[] jpeg, ushort orientation)
    {
        var description = Encoding.ASCII.GetBytes(GpsMarker + "\0");
        const int entryCount = 2;
        const int ifdOffset = 8;
        const int stringOffset = ifdOffset + 2 + (entryCount * 12) + 4;

        var tiff = new byte[stringOffset + description.Length];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), ifdOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(ifdOffset), entryCount);

        // Entries sorted by tag, as TIFF requires: 0x010E ImageDescription (ASCII), 0x0112 Orientation (SHORT).
        var entry = tiff.AsSpan(ifdOffset + 2);
        BinaryPrimitives.WriteUInt16LittleEndian(entry, 0x010E);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], (uint)description.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], stringOffset);
        entry = entry[12..];
        BinaryPrimitives.WriteUInt16LittleEndian(entry, 0x0112);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], 3);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[8..], orientation);
        description.CopyTo(tiff, stringOffset);

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);

        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A structurally valid PNG whose IHDR claims the given size but whose pixel data is a single empty zlib stream.</summary>
    private static byte[] PngHeaderOnly(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA

        byte[] emptyZlib = [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
        return
        [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
            .. PngChunk("IHDR", header),
            .. PngChunk("IDAT", emptyZlib),
            .. PngChunk("IEND", []),
        ];
    }

    private static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    // PNG's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320), bit by bit: slow but only a few bytes here.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        // Claims to be tiny, as a lying Content-Length would.
        public override long Length => 10;

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)0xFF, offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
