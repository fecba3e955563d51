using ProfileFunctions.Core.Content;
using SkiaSharp;

namespace ProfileFunctions.Tests.Content;

/// <summary>What the decoder holds besides the decoded pixels, read from the file's headers: what the decode budget charges.</summary>
public sealed class ImageFileStructureTests
{
    [Fact]
    public void AProgressiveCmykJpegMakesTheDecoderHoldTwoBytesForEachOfItsFourSamplesAPixel() =>
        Assert.Equal(8, Read(WorstImages.ProgressiveCmykJpeg(80, 40), SKEncodedImageFormat.Jpeg).HeldBytesPerPixel);

    [Fact]
    public void AnInterlaced16BitRgbaPngMakesTheDecoderHoldItsRowsOf8BytesAPixel() =>
        Assert.Equal(8, Read(WorstImages.Interlaced16BitPng(40, 30), SKEncodedImageFormat.Png).HeldBytesPerPixel);

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void ABaselineJpegANonInterlacedPngOrAWebpHoldsNothingBesidesItsPixels(SKEncodedImageFormat format)
    {
        byte[] image = format switch
        {
            SKEncodedImageFormat.Jpeg => TestImages.Jpeg(),
            SKEncodedImageFormat.Png => TestImages.Png(),
            _ => TestImages.Webp(),
        };

        var structure = Read(image, format);

        Assert.True(structure.Ended);
        Assert.Equal(0, structure.HeldBytesPerPixel);
    }

    [Theory]
    [InlineData(10_000, 2_500, 8, 100, 75)]
    [InlineData(5_000, 5_000, 8, 50, 50)]
    [InlineData(2_000, 1_000, 4, 50, 4)]
    public void AnImageWhoseDecoderHoldsMoreTakesThatMuchMoreOfTheBudget(int width, int height, double held, int budget, int share)
    {
        using var decodeBudget = new DecodeBudget(budget, TimeSpan.FromSeconds(1));

        Assert.Equal(share, decodeBudget.ShareOf(width, height, held));
    }

    private static FileStructure Read(byte[] image, SKEncodedImageFormat format) =>
        ImageFileStructure.Read(new MemoryStream(image), format, ImageInspector.MaxFrames);
}
