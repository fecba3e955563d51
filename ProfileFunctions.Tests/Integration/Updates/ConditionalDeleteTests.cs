using Azure;
using Azure.Data.Tables;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Tests.Integration.Updates;

public sealed class ConditionalDeleteTests(AzuriteTables storage) : IClassFixture<AzuriteTables>
{
    private const string User = "user-1";
    private const string Row = "profile";

    private static IfMatch IfMatchOf(string header)
    {
        Assert.True(IfMatch.TryParse(header, out var ifMatch, out var error), error);
        return ifMatch!;
    }

    private static async Task<string> SeedAsync(TableClient table) =>
        (await table.AddEntityAsync(new TableEntity(User, Row))).Headers.ETag!.Value.ToString("H");

    [Fact]
    public async Task DeletingRemovesTheEntityAndASecondDeleteIsNotFound()
    {
        var table = await storage.NewTableAsync();
        await SeedAsync(table);

        Assert.Equal(DeleteOutcome.Deleted, await ConditionalDelete.DeleteAsync(table, User, Row, ifMatch: null, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(DeleteOutcome.NotFound, await ConditionalDelete.DeleteAsync(table, User, Row, ifMatch: null, cancellationToken: TestContext.Current.CancellationToken));
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(User, Row, cancellationToken: TestContext.Current.CancellationToken)).HasValue);
    }

    [Theory]
    [InlineData("current")]
    [InlineData("*")]
    public async Task AnIfMatchNamingTheCurrentVersionOrStarDeletes(string header)
    {
        var table = await storage.NewTableAsync();
        string etag = await SeedAsync(table);

        var outcome = await ConditionalDelete.DeleteAsync(table, User, Row, IfMatchOf(header == "current" ? etag : header), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(DeleteOutcome.Deleted, outcome);
    }

    [Fact]
    public async Task AnIfMatchNamingAnOlderVersionFailsAndTheEntityStays()
    {
        var table = await storage.NewTableAsync();
        string old = await SeedAsync(table);
        await table.UpdateEntityAsync(new TableEntity(User, Row) { ["V"] = 2 }, ETag.All, cancellationToken: TestContext.Current.CancellationToken);

        var outcome = await ConditionalDelete.DeleteAsync(table, User, Row, IfMatchOf(old), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(DeleteOutcome.PreconditionFailed, outcome);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(User, Row, cancellationToken: TestContext.Current.CancellationToken)).HasValue);
    }

    [Fact]
    public async Task AMissingEntityIsNotFoundBeforeIfMatchIsLookedAt()
    {
        var table = await storage.NewTableAsync();

        Assert.Equal(DeleteOutcome.NotFound, await ConditionalDelete.DeleteAsync(table, User, Row, IfMatchOf("\"x\""), cancellationToken: TestContext.Current.CancellationToken));
    }
}
