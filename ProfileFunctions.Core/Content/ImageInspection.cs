namespace ProfileFunctions.Core.Content;

/// <param name="Width">Pixels across, from the image's header.</param>
/// <param name="Height">Pixels down, from the image's header.</param>
/// <param name="ContentType">The media type of the format the bytes are in (equal to the declared one).</param>
internal sealed record InspectedImage(int Width, int Height, string ContentType);

/// <summary>What <see cref="ImageInspector"/> found: an image, or one sentence saying why the bytes are refused.</summary>
internal readonly record struct ImageInspection(InspectedImage? Image, string? Problem)
{
    public static ImageInspection Accepted(InspectedImage image) => new(image, null);

    public static ImageInspection Refused(string problem) => new(null, problem);
}
