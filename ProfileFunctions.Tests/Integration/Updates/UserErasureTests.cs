using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Tests.Integration.Updates;

public sealed class UserErasureTests(AzuriteTables storage, ITestOutputHelper output) : IClassFixture<AzuriteTables>
{
    private const string User = "leaving-user";
    private const string Neighbour = "staying-user";

    private sealed record Tables(TableClient Profiles, TableClient Photos);

    private async Task<Tables> NewTablesAsync() => new(await storage.NewTableAsync(), await storage.NewTableAsync());

    /// <summary>A profile and the given number of photos for a user, written 100 rows to a transaction.</summary>
    private static async Task<List<string>> SeedUserAsync(Tables tables, string userId, int photos)
    {
        await tables.Profiles.AddEntityAsync(new TableEntity(userId, "profile") { ["Body"] = "{}"u8.ToArray() });
        var keys = Enumerable.Range(0, photos).Select(_ => Guid.NewGuid().ToString("D")).Order(StringComparer.Ordinal).ToList();
        foreach (var batch in keys.Chunk(100))
        {
            await tables.Photos.SubmitTransactionAsync(batch.Select(key =>
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(userId, key) { ["Body"] = "{\"caption\":\"x\"}"u8.ToArray() })));
        }

        return keys;
    }

    private static async Task<int> CountAsync(TableClient table, string partitionKey)
    {
        int count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    private async Task ErasesUserWithPhotosAsync(int photos)
    {
        var tables = await NewTablesAsync();
        await SeedUserAsync(tables, User, photos);
        await SeedUserAsync(tables, Neighbour, 3);
        await tables.Profiles.AddEntityAsync(new TableEntity("$system", "paging-key") { ["Key"] = new byte[] { 1 } });
        var erasure = new UserErasure(tables.Profiles, tables.Photos);

        var stopwatch = Stopwatch.StartNew();
        int deleted = await erasure.EraseAsync(User);
        stopwatch.Stop();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Erased a user with {photos:N0} photos and a profile ({deleted:N0} rows) in {stopwatch.Elapsed.TotalMilliseconds:N0} ms against Azurite."));
        Assert.Equal(photos + 1, deleted);
        Assert.Equal(0, await CountAsync(tables.Photos, User));
        Assert.Equal(0, await CountAsync(tables.Profiles, User));
        Assert.Equal(3, await CountAsync(tables.Photos, Neighbour));
        Assert.Equal(1, await CountAsync(tables.Profiles, Neighbour));
        Assert.True((await tables.Profiles.GetEntityIfExistsAsync<TableEntity>("$system", "paging-key")).HasValue);
    }

    [Fact]
    public Task AUserWith250PhotosIsErasedAndNoOneElse() => ErasesUserWithPhotosAsync(250);

    [Fact]
    public Task AUserWith2500PhotosIsErasedAndNoOneElse() => ErasesUserWithPhotosAsync(2_500);

    [Fact]
    public async Task ErasingTwiceWorksAndTheSecondTimeDeletesNothing()
    {
        var tables = await NewTablesAsync();
        await SeedUserAsync(tables, User, 120);
        var erasure = new UserErasure(tables.Profiles, tables.Photos);

        Assert.Equal(121, await erasure.EraseAsync(User, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, await erasure.EraseAsync(User, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ErasingAUserWhoNeverExistedWorks()
    {
        var tables = await NewTablesAsync();

        Assert.Equal(0, await new UserErasure(tables.Profiles, tables.Photos).EraseAsync("nobody", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ARowDeletedByAnotherRequestDuringTheErasureDoesNotFailIt()
    {
        var tables = await NewTablesAsync();
        var keys = await SeedUserAsync(tables, User, 150);

        // While the first batch is prepared, another request deletes two of its rows: the transaction fails on them.
        var erasure = new UserErasure(tables.Profiles, tables.Photos, async (rowKey, cancellationToken) =>
        {
            if (rowKey == keys[0])
            {
                await tables.Photos.DeleteEntityAsync(User, keys[50], ETag.All, cancellationToken);
                await tables.Photos.DeleteEntityAsync(User, keys[99], ETag.All, cancellationToken);
            }
        });

        int deleted = await erasure.EraseAsync(User, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(149, deleted);
        Assert.Equal(0, await CountAsync(tables.Photos, User));
    }

    [Fact]
    public async Task TwoErasuresOfTheSameUserAtOnceBothFinish()
    {
        var tables = await NewTablesAsync();
        await SeedUserAsync(tables, User, 600);
        var erasure = new UserErasure(tables.Profiles, tables.Photos);

        int[] deleted = await Task.WhenAll(Task.Run(() => erasure.EraseAsync(User)), Task.Run(() => erasure.EraseAsync(User)));

        Assert.Equal(0, await CountAsync(tables.Photos, User));
        Assert.Equal(0, await CountAsync(tables.Profiles, User));
        Assert.InRange(deleted.Sum(), 601, 1_202);
    }

    [Fact]
    public async Task TheHookRunsForEveryPhotoWhileItsRowStillExists()
    {
        var tables = await NewTablesAsync();
        var keys = await SeedUserAsync(tables, User, 130);
        var seen = new ConcurrentBag<string>();
        var erasure = new UserErasure(tables.Profiles, tables.Photos, async (rowKey, cancellationToken) =>
        {
            Assert.True((await tables.Photos.GetEntityIfExistsAsync<TableEntity>(User, rowKey, ["RowKey"], cancellationToken)).HasValue);
            seen.Add(rowKey);
        });

        await erasure.EraseAsync(User, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(keys, seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AFailurePartWayLeavesTheRestForTheNextErasureToFinish()
    {
        var tables = await NewTablesAsync();
        var keys = await SeedUserAsync(tables, User, 250);
        var failing = new UserErasure(tables.Profiles, tables.Photos, (rowKey, _) =>
            rowKey == keys[150] ? throw new RequestFailedException(503, "content store unavailable") : Task.CompletedTask);

        await Assert.ThrowsAsync<RequestFailedException>(() => failing.EraseAsync(User, cancellationToken: TestContext.Current.CancellationToken));

        // The batches before the failure are gone; the failing one and the rest, and the profile, are still there.
        Assert.Equal(150, await CountAsync(tables.Photos, User));
        Assert.Equal(1, await CountAsync(tables.Profiles, User));

        Assert.Equal(151, await new UserErasure(tables.Profiles, tables.Photos).EraseAsync(User, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, await CountAsync(tables.Photos, User));
    }

    [Theory]
    [InlineData("$system")]
    [InlineData("$SYSTEM")]
    [InlineData("$other")]
    public async Task TheAppsOwnPartitionIsNeverErased(string partition)
    {
        var tables = await NewTablesAsync();
        await tables.Profiles.AddEntityAsync(new TableEntity(partition, "paging-key"), cancellationToken: TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ArgumentException>(() => new UserErasure(tables.Profiles, tables.Photos).EraseAsync(partition, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(1, await CountAsync(tables.Profiles, partition));
    }
}
