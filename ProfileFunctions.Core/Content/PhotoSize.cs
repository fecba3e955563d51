using System.Diagnostics.CodeAnalysis;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// One of Microsoft Graph's photo sizes (<c>48x48</c> … <c>648x648</c>): a square the image is scaled to fit, keeping its
/// aspect ratio and never enlarged.
/// </summary>
internal readonly record struct PhotoSize(int Side)
{
    /// <summary>Graph's nine, smallest first.</summary>
    public static IReadOnlyList<PhotoSize> All { get; } = [new(48), new(64), new(96), new(120), new(240), new(360), new(432), new(504), new(648)];

    /// <summary>The list as a 400 names it.</summary>
    public static string AllNames { get; } = string.Join(", ", All.Select(size => size.Name));

    /// <summary>Its name in routes, blob names and the resource's <c>sizes</c>: <c>{side}x{side}</c>.</summary>
    public string Name { get; } = $"{Side}x{Side}";

    /// <summary>Exactly one of Graph's names (lower-case <c>x</c>, no padding).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PhotoSize? size)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(text, candidate.Name, StringComparison.Ordinal))
            {
                size = candidate;
                return true;
            }
        }

        size = null;
        return false;
    }

    /// <summary>
    /// The sizes an image of <paramref name="width"/> × <paramref name="height"/> offers: each whose side is not larger than
    /// its longer side, and the smallest that is at least as large (so a 100 × 80 image offers 48, 64, 96 and 120).
    /// </summary>
    public static IEnumerable<PhotoSize> OfferedFor(int width, int height)
    {
        int longer = Math.Max(width, height);
        foreach (var size in All)
        {
            yield return size;
            if (size.Side >= longer)
            {
                yield break;
            }
        }
    }

    /// <summary>What the image becomes: its longer side this size's (or as it is, when already smaller), the other in proportion.</summary>
    public (int Width, int Height) ScaledFrom(int width, int height)
    {
        int longer = Math.Max(width, height);
        if (longer <= Side)
        {
            return (width, height);
        }

        double scale = (double)Side / longer;
        return width >= height
            ? (Side, Math.Max(1, (int)Math.Round(height * scale, MidpointRounding.AwayFromZero)))
            : (Math.Max(1, (int)Math.Round(width * scale, MidpointRounding.AwayFromZero)), Side);
    }

    public override string ToString() => Name;
}
