


using ProfileFunctions.Core.Content;
using ProfileFunctions.Core.Hosting;

namespace ProfileFunctions.Tests.Content;

public sealed class ImageInspectorTests : IDisposable
{
    private readonly DecodeBudget _budget = new(CountSetting.DecodeBudgetMegapixels.Default, DecodeBudget.DefaultMaxWait);
    private readonly ImageInspector _inspector;

    public ImageInspectorTests()
    {
        _inspector = new ImageInspector(_budget);
    }

    public static TheoryData<string, int, int> EachFormat => new()
    {
        { "image/png", 40, 30 },
        { "image/jpeg", 64, 48 },
        { "image/webp", 30, 20 },
        { "image/gif", 1, 1 },
    };

    [Theory]
    [MemberData(nameof(EachFormat))]
    public async Task AWholeImageOfTheDeclaredTypeIsAcceptedWithItsOwnSize(string contentType, int width, int height)
    {
        var inspection = await InspectAsync(Make(contentType, width, height), contentType);

        Assert.Null(inspection.Problem);
        Assert.Equal(new InspectedImage(width, height, contentType), inspection.Image);
    }

    [Fact]
    public async Task TheDeclaredTypeIsComparedWithoutRegardToCase()
    {
        var inspection = await InspectAsync(TestImages.Png(), "IMAGE/PNG");

        Assert.Equal("image/png", inspection.Image?.ContentType);
    }

    [Fact]
    public async Task APngDeclaredAsJpegIsRefusedNamingWhatItIs()
    {
        var inspection = await InspectAsync(TestImages.Png(), "image/jpeg");

        Assert.Null(inspection.Image);
        Assert.Contains("image/png, not image/jpeg", inspection.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/bmp")]
    [InlineData("application/octet-stream")]
    [InlineData("")]
    public async Task ATypeAPhotoMayNotHaveIsRefused(string contentType)
    {
        var inspection = await InspectAsync(TestImages.Png(), contentType);

        Assert.Null(inspection.Image);
        Assert.Contains("image/jpeg, image/png, image/gif, image/webp", inspection.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APng10001PixelsWideIsRefused()
    {
        var inspection = await InspectAsync(TestImages.Png(10_001, 1), "image/png");

        Assert.Null(inspection.Image);
        Assert.Equal("The image is 10001 × 1 pixels: each side must be 1 to 10,000 pixels.", inspection.Problem);
    }

    [Fact]
    public async Task APng10000PixelsWideIsAccepted()
    {
        var inspection = await InspectAsync(TestImages.Png(10_000, 1), "image/png");

        Assert.Equal(new InspectedImage(10_000, 1, "image/png"), inspection.Image);
    }

    [Theory]
    [InlineData(10_001, 1)]
    [InlineData(1, 10_001)]
    [InlineData(65_535, 65_535)]
    public async Task AHeaderClaimingASideOver10000PixelsIsRefusedBeforeDecoding(int width, int height)
    {
        // The pixels behind this header are 1 × 1: had it been decoded, the refusal would say the image is cut short.
        var inspection = await InspectAsync(TestImages.GifClaiming(width, height), "image/gif");

        Assert.Equal($"The image is {width} × {height} pixels: each side must be 1 to 10,000 pixels.", inspection.Problem);
    }

    [Fact]
    public async Task AHeaderClaimingOver25MillionPixelsIsRefusedBeforeDecoding()
    {
        var inspection = await InspectAsync(TestImages.GifClaiming(5_001, 5_000), "image/gif");

        Assert.Equal("The image is 5001 × 5000 = 25,005,000 pixels: at most 25,000,000 are allowed.", inspection.Problem);
    }

    [Fact]
    public async Task AHeaderClaimingExactly25MillionPixelsPassesTheSizeCheckAndIsThenDecoded()
    {
        // Within the limits, so Skia decodes it, and finds the 1 × 1 image's data far too short.
        var inspection = await InspectAsync(TestImages.GifClaiming(5_000, 5_000), "image/gif");

        Assert.Null(inspection.Image);
        Assert.DoesNotContain("pixels:", inspection.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("image/png")]
    [InlineData("image/webp")]
    public async Task ATruncatedImageIsRefusedAsCutShort(string contentType)
    {
        var inspection = await InspectAsync(TestImages.Truncated(Make(contentType, 200, 150)), contentType);

        Assert.Null(inspection.Image);
        Assert.StartsWith("The image is cut short", inspection.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJpegCheckedAtAnEighthOfItsScaleIsRefusedExactlyWhenAFullSizeDecodeFails()
    {
        // Damaged in the ways a transfer damages files: cut short, cut short with an end marker after the cut, bytes of
        // the entropy-coded data overwritten. The check follows the file's structure, then decodes at 1/8 scale, reading
        // every block's coefficients; the same structure and a full-size decode of the same file must agree on each.
        byte[] jpeg = TestImages.Jpeg(400, 300);
        var damaged = new List<byte[]>();
        foreach (double kept in new[] { 0.3, 0.6, 0.95 })
        {
            damaged.Add(jpeg[..(int)(jpeg.Length * kept)]);
            damaged.Add([.. jpeg[..(int)(jpeg.Length * kept)], 0xFF, 0xD9]);
        }

        var random = new Random(7);
        for (int i = 0; i < 12; i++)
        {
            byte[] corrupt = [.. jpeg];
            int at = random.Next(jpeg.Length / 3, jpeg.Length - 64);
            random.NextBytes(corrupt.AsSpan(at, 1 + random.Next(32)));
            damaged.Add(corrupt);
        }

        int refused = 0;
        foreach (byte[] file in damaged)
        {
            var structure = ImageFileStructure.Read(new MemoryStream(file), SkiaSharp.SKEncodedImageFormat.Jpeg, maxFrames: 1);
            bool whole = structure is { Ended: true, Malformed: null } && FullDecode(file) == SkiaSharp.SKCodecResult.Success;
            var inspection = await InspectAsync(file, "image/jpeg");
            Assert.True(whole == (inspection.Image is not null), $"a full-size decode says {(whole ? "whole" : "damaged")}, the check says {inspection.Problem ?? "whole"}");
            refused += whole ? 0 : 1;
        }

        // libjpeg ends a scan at any marker with a warning and fills in the missing blocks, at any scale: a file cut short
        // whose end marker follows the cut decodes "whole" both ways, and so do most overwritten bytes. The cuts without
        // their end marker are refused.
        Assert.True(refused >= 3, $"only {refused} of {damaged.Count} damaged files refused");
    }

    private static SkiaSharp.SKCodecResult FullDecode(byte[] image)
    {
        using var codec = SkiaSharp.SKCodec.Create(new MemoryStream(image));
        using var bitmap = new SkiaSharp.SKBitmap(codec.Info);
        return codec.GetPixels(codec.Info, bitmap.GetPixels());
    }

    [Fact]
    public async Task AGifWithoutItsImageDataIsRefused()
    {
        // Cut just after the image descriptor: the header is whole, the pixels are missing.
        var inspection = await InspectAsync(TestImages.Gif()[..37], "image/gif");

        Assert.Null(inspection.Image);
        Assert.NotNull(inspection.Problem);
    }

    [Fact]
    public async Task AJpegWhoseHeaderIsCutShortIsRefused()
    {
        var inspection = await InspectAsync(TestImages.Jpeg()[..20], "image/jpeg");

        Assert.Null(inspection.Image);
        Assert.NotNull(inspection.Problem);
    }

    [Fact]
    public async Task ACorruptPngIsRefused()
    {
        byte[] png = TestImages.Png(200, 150);

        // Overwrite the middle of the compressed pixel data: the header still reads, the pixels do not.
        Array.Fill(png, (byte)0xFF, png.Length / 2, 64);
        var inspection = await InspectAsync(png, "image/png");

        Assert.Null(inspection.Image);
        Assert.NotNull(inspection.Problem);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("image/gif")]
    public async Task BytesThatAreNoImageAreRefused(string contentType)
    {
        // Longer than the few bytes Skia needs to recognise a format, so that it says "not an image", not "cut short".
        var inspection = await InspectAsync("{\"displayName\":\"not a picture\",\"description\":\"JSON sent where an image belongs, by mistake\"}"u8.ToArray(), contentType);

        Assert.Equal($"The content is not an image Skia recognises: send a {contentType} file.", inspection.Problem);
    }

    [Fact]
    public async Task EmptyContentIsRefused()
    {
        var inspection = await InspectAsync([], "image/jpeg");

        Assert.Null(inspection.Image);
        Assert.NotNull(inspection.Problem);
    }

    [Fact]
    public async Task TheCallersStreamIsLeftOpen()
    {
        using var stream = new MemoryStream(TestImages.Png());

        await _inspector.InspectAsync(stream, "image/png", CancellationToken.None);

        Assert.True(stream.CanRead);
    }

    [Fact]
    public async Task AStreamThatCannotSeekIsRejectedAsAProgrammingError()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _inspector.InspectAsync(new UnseekableStream(TestImages.Png()), "image/png", CancellationToken.None));
    }

    [Fact]
    public async Task ManyDecodesAtOnceAllFinishThroughABudgetOfOneImage()
    {
        // A budget of 1 megapixel: the eight 0.06-megapixel images take turns, one at a time.
        using var budget = new DecodeBudget(1, TimeSpan.FromSeconds(30));
        var inspector = new ImageInspector(budget);
        byte[] webp = TestImages.Webp(300, 200);

        var inspections = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => inspector.InspectAsync(new MemoryStream(webp), "image/webp", CancellationToken.None))));

        Assert.All(inspections, inspection => Assert.Equal(new InspectedImage(300, 200, "image/webp"), inspection.Image));
    }

    [Theory]
    [MemberData(nameof(EachFormat))]
    public async Task NoImageIsDecodedWhileTheBudgetHasNoRoomForItWhateverItsFormat(string contentType, int width, int height)
    {
        // JPEG and PNG go row by row, GIF and WebP whole: each waits for its share all the same, then gives up.
        using var budget = new DecodeBudget(1, TimeSpan.FromMilliseconds(200));
        using var held = await budget.TakeAsync(1, 1, TestContext.Current.CancellationToken);
        var inspector = new ImageInspector(budget);

        var inspection = await inspector.InspectAsync(new MemoryStream(Make(contentType, width, height)), contentType, TestContext.Current.CancellationToken);

        Assert.Equal(ImageInspection.NoRoomToDecode(), inspection);
    }

    [Fact]
    public async Task AnImageIsDecodedOnceTheShareItWaitsForIsGivenBack()
    {
        using var budget = new DecodeBudget(1, TimeSpan.FromSeconds(30));
        var held = await budget.TakeAsync(1, 1, TestContext.Current.CancellationToken);
        var inspector = new ImageInspector(budget);

        var inspecting = inspector.InspectAsync(new MemoryStream(TestImages.Jpeg()), "image/jpeg", TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(inspecting.IsCompleted);
        held!.Dispose();

        Assert.Equal(new InspectedImage(40, 30, "image/jpeg"), (await inspecting).Image);
    }

    [Fact]
    public async Task AProgressiveCmykJpegAndAnInterlaced16BitPngOf25MegapixelsAreAccepted()
    {
        // The worst cases the decode budget is measured with (bench/): whole images that decode.
        Assert.Equal(new InspectedImage(10_000, 2_500, "image/jpeg"), (await InspectAsync(WorstImages.ProgressiveCmykJpeg(), "image/jpeg")).Image);
        Assert.Equal(new InspectedImage(5_000, 5_000, "image/png"), (await InspectAsync(WorstImages.Interlaced16BitPng(), "image/png")).Image);
    }

    public void Dispose() => _budget.Dispose();

    private static byte[] Make(string contentType, int width, int height) => contentType switch
    {
        "image/png" => TestImages.Png(width, height),
        "image/jpeg" => TestImages.Jpeg(width, height),
        "image/webp" => TestImages.Webp(width, height),
        "image/gif" when width == 1 && height == 1 => TestImages.Gif(),
        _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "No such test image."),
    };

    private async Task<ImageInspection> InspectAsync(byte[] content, string contentType)
    {
        using var stream = new MemoryStream(content);
        return await _inspector.InspectAsync(stream, contentType, CancellationToken.None);
    }

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
