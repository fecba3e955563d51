namespace ProfileFunctions.Core.Documents;

internal enum PatchOutcome
{
    /// <summary>The patch applies: store <see cref="PatchedResource.Body"/> and the dimensions.</summary>
    Applied,

    /// <summary>400: the patch sets a photo's dimensions, but the photo has content, whose image decides them.</summary>
    DimensionsFromContent,

    /// <summary>413: the merged body would be larger than a stored body may be.</summary>
    TooLarge,
}

/// <summary>A patch applied to one version of a resource.</summary>
/// <param name="Outcome">Whether it applies, and if not why.</param>
/// <param name="Body">The new body, when <see cref="PatchOutcome.Applied"/>.</param>
/// <param name="Height">A photo's new height (unchanged unless the patch named it).</param>
/// <param name="Width">A photo's new width (unchanged unless the patch named it).</param>
/// <param name="Error">Why it does not apply, in words a client can act on.</param>
internal sealed record PatchedResource(PatchOutcome Outcome, byte[]? Body, int? Height, int? Width, string? Error);
