


using ProfileFunctions.Core.Content;

namespace ProfileFunctions.Tests.Content;

public sealed class DecodeBudgetTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1_000, 1_000, 1)]
    [InlineData(1_000, 1_001, 2)]
    [InlineData(5_000, 5_000, 25)]
    [InlineData(10_000, 2_500, 25)]
    public void AnImagesShareIsItsMegapixelsRoundedUp(int width, int height, int share)
    {
        using var budget = new DecodeBudget(50, TimeSpan.FromSeconds(1));

        Assert.Equal(share, budget.ShareOf(width, height));
    }

    [Fact]
    public async Task AnImageLargerThanTheWholeBudgetTakesTheWholeBudget()
    {
        using var budget = new DecodeBudget(10, TimeSpan.FromMilliseconds(100));

        using var large = await budget.TakeAsync(5_000, 5_000, TestContext.Current.CancellationToken);
        var small = await budget.TakeAsync(1, 1, TestContext.Current.CancellationToken);

        Assert.Equal(10, budget.ShareOf(5_000, 5_000));
        Assert.NotNull(large);
        Assert.Null(small);
    }

    [Fact]
    public async Task SharesThatFitTogetherAreTakenAtOnceAndTheNextWaitsUntilOneIsGivenBack()
    {
        using var budget = new DecodeBudget(50, TimeSpan.FromSeconds(30));
        var first = await budget.TakeAsync(5_000, 5_000, TestContext.Current.CancellationToken);
        using var second = await budget.TakeAsync(5_000, 5_000, TestContext.Current.CancellationToken);

        var third = budget.TakeAsync(1, 1, TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(third.IsCompleted);
        first!.Dispose();

        using var granted = await third;
        Assert.NotNull(granted);
    }

    [Fact]
    public async Task AWaitLongerThanTheBudgetsBoundGivesUpWithNoShare()
    {
        using var budget = new DecodeBudget(1, TimeSpan.FromMilliseconds(300));
        using var held = await budget.TakeAsync(1, 1, TestContext.Current.CancellationToken);
        var waited = System.Diagnostics.Stopwatch.StartNew();

        var share = await budget.TakeAsync(1, 1, TestContext.Current.CancellationToken);

        Assert.Null(share);
        Assert.InRange(waited.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }
}
