using Azure;
using Azure.Identity;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Tests.Unit;

public sealed class ResourceStoreTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public void NoAnswerOrABusyStorageIsUnavailable(int status) =>
        Assert.True(StorageFailure.IsUnavailable(new RequestFailedException(status, "storage")));

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(413)]
    public void StorageRefusingTheRequestIsNotUnavailability(int status) =>
        Assert.False(StorageFailure.IsUnavailable(new RequestFailedException(status, "storage")));

    [Fact]
    public void TimeoutsExhaustedRetriesAndIdentityFailuresAreUnavailable()
    {
        Assert.True(StorageFailure.IsUnavailable(new TaskCanceledException()));
        Assert.True(StorageFailure.IsUnavailable(new AggregateException(new RequestFailedException("refused"), new TaskCanceledException())));
        Assert.True(StorageFailure.IsUnavailable(new AuthenticationFailedException("no identity")));
    }

    [Fact]
    public void AnUnexpectedFailureIsNotHiddenAsUnavailability()
    {
        Assert.False(StorageFailure.IsUnavailable(new InvalidOperationException()));
        Assert.False(StorageFailure.IsUnavailable(new AggregateException(new RequestFailedException(403, "denied"))));
    }
}
