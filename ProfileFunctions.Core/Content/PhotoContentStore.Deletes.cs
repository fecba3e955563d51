using Azure.Storage.Blobs.Models;

namespace ProfileFunctions.Core.Content;

// What goes with a photo's content: a replaced or never-recorded upload with its sizes, a deleted photo's blobs, an
// erased user's.
internal sealed partial class PhotoContentStore
{
    /// <summary>Deletes one blob if it exists (an upload that was not recorded, or content the entity no longer names).</summary>
    public async Task DeleteBlobAsync(string blobName, CancellationToken cancellationToken) =>
        await WithContainerAsync(container => container.GetBlobClient(blobName)
            .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken));

    /// <summary>
    /// Deletes the photo's blobs other than <paramref name="named"/> and its sizes: its uploads under
    /// <c>{userId}/{photoId}/</c> with their sizes, and a blob of the earlier layout, <c>{userId}/{photoId}</c>. With
    /// <paramref name="onlyLeftovers"/>, only <paramref name="replaced"/> (the content the entity named before) and blobs
    /// older than the leftover age (a younger one may be another upload's, about to be recorded). Returns how many were deleted.
    /// </summary>
    public async Task<int> DeleteUnnamedAsync(string userId, string photoId, string? named, string? replaced, bool onlyLeftovers, CancellationToken cancellationToken) =>
        await WithContainerAsync(async container =>
        {
            var before = _time.GetUtcNow() - _leftoverAge;
            int deleted = 0;
            string legacy = LegacyBlobName(userId, photoId);
            if (named != legacy && (!onlyLeftovers || replaced == legacy))
            {
                var answer = await container.GetBlobClient(legacy).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
                deleted += answer.Value ? 1 : 0;
            }

            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{legacy}/" }, cancellationToken))
            {
                if (IsOf(blob.Name, named) || (onlyLeftovers && !IsOf(blob.Name, replaced) && blob.Properties.LastModified > before))
                {
                    continue;
                }

                var answer = await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
                deleted += answer.Value ? 1 : 0;
            }

            return deleted;
        });

    /// <summary>Deletes every photo's content of a user (when the user is erased); returns how many were deleted.</summary>
    public async Task<int> DeleteUserAsync(string userId, CancellationToken cancellationToken) =>
        await WithContainerAsync(async container =>
        {
            int deleted = 0;
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{userId}/" }, cancellationToken))
            {
                var answer = await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
                deleted += answer.Value ? 1 : 0;
            }

            return deleted;
        });

    /// <summary>Whether <paramref name="blobName"/> is the content blob <paramref name="contentBlob"/> or one of its sizes.</summary>
    private static bool IsOf(string blobName, string? contentBlob) =>
        contentBlob is not null && blobName.StartsWith(contentBlob, StringComparison.Ordinal)
        && (blobName.Length == contentBlob.Length || blobName[contentBlob.Length] == '/');
}
