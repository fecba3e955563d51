
namespace ProfileFunctions.Core.Content;

/// <param name="Width">Pixels across, from the image's header.</param>
/// <param name="Height">Pixels down, from the image's header.</param>
/// <param name="ContentType">The media type of the format the bytes are in (equal to the declared one).</param>
internal sealed record InspectedImage(int Width, int Height, string ContentType);

/// <summary>
/// What <see cref="ImageInspector"/> found: an image, one sentence saying why the bytes are refused, or that the decode
/// budget had no room for the image in time (<see cref="Busy"/>: neither accepted nor refused, the caller answers 503).
/// </summary>
internal readonly record struct ImageInspection(InspectedImage? Image, string? Problem, bool Busy = false)
{
    public static ImageInspection Accepted(InspectedImage image) => new(image, null);

    public static ImageInspection Refused(string problem) => new(null, problem);

    public static ImageInspection NoRoomToDecode() => new(null, null, Busy: true);
}
