using System.Diagnostics;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Core.Hosting;

namespace ProfileFunctions.Tests.Content;

/// <summary>A whole image means the whole file: up to the end its format defines, and every frame of an animation.</summary>
public sealed class WholeFileTests : IDisposable
{
    private readonly DecodeBudget _budget = new(CountSetting.DecodeBudgetMegapixels.Default, DecodeBudget.DefaultMaxWait);

    public static TheoryData<string, byte[]> CutShortFiles() => new()
    {
        { "image/jpeg", TestImages.Jpeg(200, 150)[..^2] },

        // Its EOI replaced by zeros: the decoder has every pixel, and the file still has no end.
        { "image/jpeg", [.. TestImages.Jpeg(200, 150)[..^2], .. new byte[64]] },
        { "image/png", TestImages.Png(200, 150)[..^12] },
        { "image/gif", TestImages.Gif()[..^1] },
        { "image/gif", TestImages.AnimatedGif(3)[..(TestImages.GifFrameOffset(2) + 20)] },
        { "image/webp", TestImages.Webp(200, 150)[..^2] },
        { "image/webp", TestImages.AnimatedWebp(2)[..^1] },
    };

    public static TheoryData<string, byte[]> WholeFilesWithTrailingBytes() => new()
    {
        { "image/jpeg", [.. TestImages.Jpeg(), .. "trailing"u8] },
        { "image/png", [.. TestImages.Png(), .. "trailing"u8] },
        { "image/gif", [.. TestImages.AnimatedGif(2), .. "trailing"u8] },
        { "image/webp", [.. TestImages.Webp(), .. "trailing"u8] },
    };

    [Theory]
    [MemberData(nameof(CutShortFiles))]
    public async Task AFileThatEndsBeforeItsFormatsEndIsRefusedAsCutShort(string contentType, byte[] file)
    {
        var inspection = await InspectAsync(file, contentType);

        Assert.Null(inspection.Image);
        Assert.StartsWith("The image is cut short", inspection.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WholeFilesWithTrailingBytes))]
    public async Task BytesAfterTheImagesEndAreAllowed(string contentType, byte[] file)
    {
        var inspection = await InspectAsync(file, contentType);

        Assert.Null(inspection.Problem);
        Assert.Equal(contentType, inspection.Image?.ContentType);
    }

    [Fact]
    public async Task AGifAnimationOfWholeFramesIsAccepted()
    {
        var inspection = await InspectAsync(TestImages.AnimatedGif(5), "image/gif");

        Assert.Equal(new InspectedImage(1, 1, "image/gif"), inspection.Image);
    }

    [Fact]
    public async Task AWebpAnimationOfWholeFramesIsAccepted()
    {
        var inspection = await InspectAsync(TestImages.AnimatedWebp(3), "image/webp");

        Assert.Equal(new InspectedImage(40, 30, "image/webp"), inspection.Image);
    }

    [Fact]
    public async Task AGifWhoseLaterFrameDoesNotDecodeIsRefused()
    {
        // Frame 3's LZW minimum code size is 12, which GIF does not allow (at most 8): the file's structure is whole.
        byte[] gif = TestImages.AnimatedGif(3);
        gif[TestImages.GifFrameOffset(2) + 18] = 12;

        var inspection = await InspectAsync(gif, "image/gif");

        Assert.Null(inspection.Image);
        Assert.NotNull(inspection.Problem);
    }

    [Fact]
    public async Task AWebpAnimationWhoseLaterFrameIsCutShortIsRefused()
    {
        // The RIFF structure is whole; the second frame's bitstream holds half its data.
        byte[] webp = TestImages.AnimatedWebp(2, 200, 150, (frame, bitstream) => frame == 1 ? TestImages.HalfBitstream(bitstream) : bitstream);

        var inspection = await InspectAsync(webp, "image/webp");

        Assert.Null(inspection.Image);
        Assert.NotNull(inspection.Problem);
    }

    [Fact]
    public async Task AGifOf100000FramesIsRefusedQuicklyNamingTheBound()
    {
        byte[] gif = TestImages.AnimatedGif(100_000);
        var elapsed = Stopwatch.StartNew();

        var inspection = await InspectAsync(gif, "image/gif");

        Assert.Equal("The animation has more than 1,000 frames: at most 1,000 are allowed.", inspection.Problem);
        Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task AGifOfExactly1000FramesIsDecoded()
    {
        var inspection = await InspectAsync(TestImages.AnimatedGif(1_000), "image/gif");

        Assert.Equal(new InspectedImage(1, 1, "image/gif"), inspection.Image);
    }

    [Fact]
    public async Task AnAnimationOfMoreThan100MillionPixelsToDecodeIsRefused()
    {
        // 5 frames of a 5,000 × 5,000 canvas: each frame is within the limits, the whole is 125 million pixels.
        byte[] gif = TestImages.AnimatedGif(5);
        foreach (int offset in new[] { 6 })
        {
            BitConverter.TryWriteBytes(gif.AsSpan(offset, 2), (ushort)5_000);
            BitConverter.TryWriteBytes(gif.AsSpan(offset + 2, 2), (ushort)5_000);
        }

        var inspection = await InspectAsync(gif, "image/gif");

        Assert.Equal("The animation's 5 frames of 5000 × 5000 pixels are 125,000,000 pixels to decode: at most 100,000,000 are allowed.", inspection.Problem);
    }

    public void Dispose() => _budget.Dispose();

    private async Task<ImageInspection> InspectAsync(byte[] content, string contentType)
    {
        using var stream = new MemoryStream(content);
        return await new ImageInspector(_budget).InspectAsync(stream, contentType, TestContext.Current.CancellationToken);
    }
}
