using System.Diagnostics;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// A photo's content goes with its row: every blob of the photo (each upload's, named or left over, with its sizes, and one of the
/// earlier layout) deleted after the row (so a GET never finds a photo without the content it names), in what is left of the storage budget, so that a 503 still answers within the contract's 10 seconds. A run
/// cut short leaves only content no row names, which is never served and which the retry deletes.
/// </summary>
internal sealed class PhotoContentCleanup(PhotoContentStore content)
{
    public Task<bool> DeletePhotoAsync(string userId, string photoId, long startedAt, CancellationToken aborted) =>
        RunAsync(deadline => content.DeleteUnnamedAsync(userId, photoId, named: null, replaced: null, onlyLeftovers: false, deadline), startedAt, aborted);

    public Task<bool> DeleteUserAsync(string userId, long startedAt, CancellationToken aborted) =>
        RunAsync(deadline => content.DeleteUserAsync(userId, deadline), startedAt, aborted);

    /// <summary>An upload's blob that no entity will name: the photo went, or another upload won.</summary>
    public Task<bool> DeleteUploadAsync(string blobName, long startedAt, CancellationToken aborted) =>
        RunAsync(deadline => content.DeleteBlobAsync(blobName, deadline), startedAt, aborted);

    /// <summary>
    /// After the entity moved on to <paramref name="named"/>: the content it named before (<paramref name="replaced"/>) with
    /// its sizes, and leftovers of uploads that were never recorded, in one listing of the photo's blobs. The new content
    /// is stored and named whatever happens here, so a failure only leaves blobs for the next run to delete.
    /// </summary>
    public Task<bool> DeleteReplacedAsync(string userId, string photoId, string? replaced, string named, long startedAt, CancellationToken aborted) =>
        RunAsync(deadline => content.DeleteUnnamedAsync(userId, photoId, named, replaced, onlyLeftovers: true, deadline), startedAt, aborted);

    private static async Task<bool> RunAsync(Func<CancellationToken, Task> delete, long startedAt, CancellationToken aborted)
    {
        var left = ProfileStorage.Budget - Stopwatch.GetElapsedTime(startedAt);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        try
        {
            await delete(deadline.Token);
            return true;
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested && StorageFailure.IsUnavailable(exception))
        {
            return false;
        }
    }
}
