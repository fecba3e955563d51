using Azure;

namespace ProfileFunctions.Core.Content;

internal enum UploadOutcome
{
    /// <summary>The content is stored; the result names its ETag and length.</summary>
    Stored,

    /// <summary>The body went over <see cref="PhotoContentStore.MaxContentBytes"/> while it was read (413); nothing stored.</summary>
    TooLarge,

    /// <summary>The bytes are not a whole image of the declared type within the limits (400); nothing stored.</summary>
    NotAcceptedImage,

    /// <summary>The decode budget had no room for the image in time (503); nothing stored.</summary>
    NoRoomToDecode,
}

/// <param name="Outcome">What happened.</param>
/// <param name="ETag">The stored blob's ETag, when <see cref="UploadOutcome.Stored"/>.</param>
/// <param name="Length">The stored content's length in bytes, when stored.</param>
/// <param name="Image">The image's size and type, when stored.</param>
/// <param name="Problem">Why the image was refused, when <see cref="UploadOutcome.NotAcceptedImage"/>: one sentence for the caller.</param>
/// <param name="BlobName">The new blob's name within the container, when stored; no entity names it yet.</param>
internal sealed record PhotoUpload(UploadOutcome Outcome, ETag? ETag = null, long Length = 0, InspectedImage? Image = null, string? Problem = null, string? BlobName = null);

internal enum ReadOutcome
{
    /// <summary>The content is open; the caller disposes it.</summary>
    Found,

    /// <summary>No content is stored under that name (404).</summary>
    NotFound,

    /// <summary>Content is stored, but not the version the photo entity names (the caller maps it; never served).</summary>
    ETagChanged,
}

/// <summary>The content of a photo, opened under its ETag; dispose it to close the download.</summary>
internal sealed record StoredContent(Stream Content, string ContentType, long Length, ETag ETag) : IDisposable, IAsyncDisposable
{
    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <param name="Outcome">What happened.</param>
/// <param name="Content">The open content, when <see cref="ReadOutcome.Found"/>.</param>
internal sealed record PhotoRead(ReadOutcome Outcome, StoredContent? Content = null);
