using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Tests.Integration.Updates;

public sealed class ConditionalUpdateTests(AzuriteTables storage) : IClassFixture<AzuriteTables>
{
    private const string User = "user-1";
    private const string Row = "profile";

    private static readonly string[] Racers = ["A", "B"];

    private static IfMatch IfMatchOf(string header)
    {
        Assert.True(IfMatch.TryParse(header, out var ifMatch, out var error), error);
        return ifMatch!;
    }

    private static async Task<string> SeedAsync(TableClient table)
    {
        var response = await table.AddEntityAsync(new TableEntity(User, Row) { ["Body"] = "{}"u8.ToArray(), ["Created"] = "x" });
        return response.Headers.ETag!.Value.ToString("H");
    }

    [Fact]
    public async Task TwentyConcurrentUpdatesOfDifferentPropertiesAllLand()
    {
        var table = await storage.NewTableAsync();
        await SeedAsync(table);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            ConditionalUpdate.UpdateAsync(table, User, Row, ifMatch: null, current =>
            {
                current[$"P{i}"] = i;
                return true;
            }))));

        Assert.All(results, result => Assert.Equal(UpdateOutcome.Updated, result.Outcome));
        Assert.Equal(20, results.Select(result => result.ETag).Distinct().Count());
        TableEntity stored = await table.GetEntityAsync<TableEntity>(User, Row, cancellationToken: TestContext.Current.CancellationToken);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(i, stored.GetInt32($"P{i}"));
        }

        Assert.Equal("x", stored.GetString("Created"));
    }

    [Fact]
    public async Task AVersionReadBeforeAnotherWriteIsChangedAgainFromAFreshRead()
    {
        var table = await storage.NewTableAsync();
        await SeedAsync(table);
        TableEntity stale = await table.GetEntityAsync<TableEntity>(User, Row, cancellationToken: TestContext.Current.CancellationToken);
        await ConditionalUpdate.UpdateAsync(table, User, Row, ifMatch: null, current =>
        {
            current["Other"] = "landed";
            return true;
        }, cancellationToken: TestContext.Current.CancellationToken);

        int rounds = 0;
        var result = await ConditionalUpdate.UpdateAsync(table, User, Row, ifMatch: null, current =>
        {
            rounds++;
            current["Mine"] = "landed";
            return true;
        }, firstVersion: stale, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(UpdateOutcome.Updated, result.Outcome);
        Assert.Equal(2, rounds);
        TableEntity stored = await table.GetEntityAsync<TableEntity>(User, Row, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("landed", stored.GetString("Other"));
        Assert.Equal("landed", stored.GetString("Mine"));
    }

    [Fact]
    public async Task AVersionReadJustBeforeIsWrittenWithoutReadingAgain()
    {
        var table = await storage.NewTableAsync();
        await SeedAsync(table);
        TableEntity current = await table.GetEntityAsync<TableEntity>(User, Row, cancellationToken: TestContext.Current.CancellationToken);

        int rounds = 0;
        var result = await ConditionalUpdate.UpdateAsync(table, User, Row, ifMatch: null, entity =>
        {
            rounds++;
            Assert.Same(current, entity);
            entity["Mine"] = "landed";
            return true;
        }, firstVersion: current, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(UpdateOutcome.Updated, result.Outcome);
        Assert.Equal(1, rounds);
    }

    [Fact]
    public async Task OfTwoUpdatesWithTheSameIfMatchOneSucceedsAndOneFailsItsPrecondition()
    {
        var table = await storage.NewTableAsync();
        string etag = await SeedAsync(table);

        var results = await Task.WhenAll(Racers.Select(name => Task.Run(() =>
            ConditionalUpdate.UpdateAsync(table, User, Row, IfMatchOf(etag), current =>
            {
                current["Winner"] = name;
                return true;
            }))));

        Assert.Single(results, result => result.Outcome == UpdateOutcome.Updated);
        Assert.Single(results, result => result.Outcome == UpdateOutcome.PreconditionFailed);
        var winner = results.Single(result => result.Outcome == UpdateOutcome.Updated);
        TableEntity stored = await table.GetEntityAsync<TableEntity>(User, Row, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(winner.Entity!.GetString("Winner"), stored.GetString("Winner"));
        Assert.Equal(stored.ETag.ToString("H"), winner.ETag);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnIfMatchNamingTheCurrentVersionWeakOrStrongLetsTheUpdateThrough(bool weak)
    {
        var table = await storage.NewTableAsync();
        string etag = await SeedAsync(table);
        string header = weak ? etag : etag[2..];

        var result = await ConditionalUpdate.UpdateAsync(table, User, Row, IfMatchOf(header), current =>
        {
            current["X"] = 1;
            return true;
        }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(UpdateOutcome.Updated, result.Outcome);
        Assert.NotEqual(etag, result.ETag);
    }

    [Fact]
    public async Task AnIfMatchNamingAnOlderVersionFailsAndChangesNothing()
    {
        var table = await storage.NewTableAsync();
        string old = await SeedAsync(table);
        var second = await table.UpdateEntityAsync(new TableEntity(User, Row) { ["Body"] = "{\"v\":2}"u8.ToArray() }, ETag.All, TableUpdateMode.Replace, cancellationToken: TestContext.Current.CancellationToken);
        bool called = false;

        var result = await ConditionalUpdate.UpdateAsync(table, User, Row, IfMatchOf(old), current =>
        {
            called = true;
            return true;
        }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(UpdateOutcome.PreconditionFailed, result.Outcome);
        Assert.False(called);
        TableEntity stored = await table.GetEntityAsync<TableEntity>(User, Row, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(second.Headers.ETag, stored.ETag);
    }

    [Fact]
    public async Task AMissingEntityIsNotFoundBeforeIfMatchIsLookedAt()
    {
        var table = await storage.NewTableAsync();

        var result = await ConditionalUpdate.UpdateAsync(table, User, Row, IfMatchOf("\"no-such-version\""), _ => true, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(UpdateOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task AChangeThatDeclinesWritesNothing()
    {
        var table = await storage.NewTableAsync();
        string etag = await SeedAsync(table);

        var result = await ConditionalUpdate.UpdateAsync(table, User, Row, ifMatch: null, current =>
        {
            current["X"] = 1;
            return false;
        }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(UpdateOutcome.Refused, result.Outcome);
        TableEntity stored = await table.GetEntityAsync<TableEntity>(User, Row, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(etag, stored.ETag.ToString("H"));
        Assert.False(stored.ContainsKey("X"));
    }

    [Fact]
    public async Task AnUpdateWhoseResponseWasLostAndRetriedByTheSdkStillAnswersUpdated()
    {
        var fault = new LoseFirstWriteResponse();
        var table = await storage.NewTableAsync(fault);
        string etag = await SeedAsync(table);

        // The first write lands but its response is lost; the SDK's retry of it then meets a 412, because that write
        // changed the ETag. The client's If-Match named the version before it, so only recognising our own write keeps
        // the answer from turning into a 412.
        var result = await ConditionalUpdate.UpdateAsync(table, User, Row, IfMatchOf(etag), current =>
        {
            current["X"] = 1;
            return true;
        }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, fault.Writes);
        Assert.Equal(UpdateOutcome.Updated, result.Outcome);
        TableEntity stored = await table.GetEntityAsync<TableEntity>(User, Row, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, stored.GetInt32("X"));
        Assert.Equal(stored.ETag.ToString("H"), result.ETag);
    }

    [Fact]
    public async Task WritersThatNeverStopChangingTheEntityEndInContention()
    {
        var table = await storage.NewTableAsync();
        await SeedAsync(table);
        int round = 0;

        // The change itself changes the row behind the update's back, so every conditional write meets a 412.
        var result = await ConditionalUpdate.UpdateAsync(table, User, Row, ifMatch: null, current =>
        {
            table.UpdateEntity(new TableEntity(User, Row) { ["Other"] = ++round }, ETag.All, TableUpdateMode.Merge);
            current["X"] = 1;
            return true;
        }, maxAttempts: 3, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(UpdateOutcome.Contended, result.Outcome);
        Assert.Equal(3, round);
    }

    /// <summary>Lets the first PUT reach storage, then loses its response as a dropped connection would.</summary>
    private sealed class LoseFirstWriteResponse : HttpPipelinePolicy
    {
        private int _writes;

        public int Writes => _writes;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The tests use the asynchronous API.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (message.Request.Method == RequestMethod.Put && Interlocked.Increment(ref _writes) == 1)
            {
                throw new IOException("The connection was reset after the write reached storage.");
            }
        }
    }
}
