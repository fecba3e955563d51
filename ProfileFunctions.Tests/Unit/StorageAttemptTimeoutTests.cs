


using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Tests.Unit;

public sealed class StorageAttemptTimeoutTests
{
    private static string? Failure(string? attemptTimeout) =>
        new ProfileStorageSettingsValidator().Validate(null, new ProfileStorageSettings { ConnectionString = "UseDevelopmentStorage=true", AttemptTimeout = attemptTimeout }).FailureMessage;

    [Theory]
    [InlineData(null)]
    [InlineData("00:00:01")]
    [InlineData("00:00:04")]
    [InlineData("00:00:00.100")]
    public void AnAttemptTimeoutWithinTheBudgetIsValid(string? attemptTimeout) => Assert.Null(Failure(attemptTimeout));

    [Theory]
    [InlineData("soon")]
    [InlineData("00:00:00.050")]
    [InlineData("00:00:05")]
    [InlineData("-00:00:01")]
    public void AnyOtherAttemptTimeoutStopsStartUpNamingTheSetting(string attemptTimeout) =>
        Assert.Contains("ProfileStorage__attemptTimeout", Failure(attemptTimeout), StringComparison.Ordinal);

    [Fact]
    public void TheStorageClientUsesTheAttemptTimeout()
    {
        var settings = new ProfileStorageSettings { ConnectionString = "UseDevelopmentStorage=true", AttemptTimeout = "00:00:01" };
        Assert.Equal(TimeSpan.FromSeconds(1), settings.AttemptTimeoutValue);
        Assert.Equal(TimeSpan.FromSeconds(4), new ProfileStorageSettings().AttemptTimeoutValue);
    }
}
