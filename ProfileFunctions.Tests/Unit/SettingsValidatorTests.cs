


using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Tests.Unit;

public sealed class SettingsValidatorTests
{
    private const string Tenant = "7f3e2a10-1c4b-4d2e-9a8f-0b1c2d3e4f50";
    private const string Client = "0e8f6c2a-5b3d-4e1f-a7c9-d2b4e6f8a0c1";

    private static AzureAdSettings AzureAd(string? instance = "https://login.microsoftonline.com/", string? tenant = Tenant, string? client = Client, string? audience = null) =>
        new() { Instance = instance, TenantId = tenant, ClientId = client, Audience = audience };

    private static string? AzureAdFailure(AzureAdSettings settings) => new AzureAdSettingsValidator().Validate(null, settings).FailureMessage;

    private static string? StorageFailure(string? connectionString = null, string? serviceUri = null, string? clientId = null, string? blobServiceUri = null) =>
        new ProfileStorageSettingsValidator().Validate(null, new ProfileStorageSettings { ConnectionString = connectionString, TableServiceUri = serviceUri, BlobServiceUri = blobServiceUri, ClientId = clientId }).FailureMessage;

    [Theory]
    [InlineData("https://login.microsoftonline.com/")]
    [InlineData("https://login.microsoftonline.us")]
    [InlineData("http://127.0.0.1:5123/")]
    [InlineData("http://localhost:5123/")]
    public void ValidAzureAdSettingsPass(string instance) => Assert.Null(AzureAdFailure(AzureAd(instance)));

    [Fact]
    public void ADomainNameIsATenant() => Assert.Null(AzureAdFailure(AzureAd(tenant: "contoso.onmicrosoft.com")));

    [Theory]
    [InlineData("http://login.microsoftonline.com/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://127.0.0.1.nip.io/")]
    public void PlainHttpIsAllowedOnlyOnThisMachine(string instance) =>
        Assert.Contains("AzureAd__Instance", AzureAdFailure(AzureAd(instance)), StringComparison.Ordinal);

    [Theory]
    [InlineData(null, "AzureAd__Instance")]
    [InlineData("", "AzureAd__Instance")]
    [InlineData("login.microsoftonline.com", "AzureAd__Instance")]
    [InlineData("ftp://login.microsoftonline.com/", "AzureAd__Instance")]
    public void AMissingOrMalformedInstanceIsNamed(string? instance, string setting) =>
        Assert.Contains(setting, AzureAdFailure(AzureAd(instance)), StringComparison.Ordinal);

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("common")]
    [InlineData("Organizations")]
    [InlineData("consumers")]
    [InlineData("not a tenant")]
    public void AMissingMultiTenantOrMalformedTenantIsNamed(string? tenant) =>
        Assert.Contains("AzureAd__TenantId", AzureAdFailure(AzureAd(tenant: tenant)), StringComparison.Ordinal);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("my-api")]
    public void AMissingOrMalformedClientIdIsNamed(string? client) =>
        Assert.Contains("AzureAd__ClientId", AzureAdFailure(AzureAd(client: client)), StringComparison.Ordinal);

    [Fact]
    public void AnEmptyAudienceIsNamed() =>
        Assert.Contains("AzureAd__Audience", AzureAdFailure(AzureAd(audience: " ")), StringComparison.Ordinal);

    [Fact]
    public void EveryFailureIsReportedAtOnce()
    {
        string failure = AzureAdFailure(AzureAd(null, null, null))!;
        Assert.Contains("AzureAd__Instance", failure, StringComparison.Ordinal);
        Assert.Contains("AzureAd__TenantId", failure, StringComparison.Ordinal);
        Assert.Contains("AzureAd__ClientId", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void TheValidAudiencesAreTheClientIdItsApiUriAndTheConfiguredAudience()
    {
        Assert.Equal([Client, $"api://{Client}"], AzureAd().ValidAudiences);
        Assert.Equal([Client, $"api://{Client}", "https://profiles.contoso.com"], AzureAd(audience: "https://profiles.contoso.com").ValidAudiences);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net")]
    public void AConnectionStringIsEnough(string connectionString) => Assert.Null(StorageFailure(connectionString));

    [Fact]
    public void AnIdentityEndpointIsEnough()
    {
        Assert.Null(StorageFailure(serviceUri: "https://acct.table.core.windows.net", blobServiceUri: "https://acct.blob.core.windows.net"));
        Assert.Null(StorageFailure(serviceUri: "https://acct.table.core.windows.net", clientId: Client, blobServiceUri: "https://acct.blob.core.windows.net"));
    }

    [Fact]
    public void AnIdentityTableEndpointWithoutABlobEndpointIsRefusedNamingIt() =>
        Assert.Contains("ProfileStorage__blobServiceUri is missing", StorageFailure(serviceUri: "https://acct.table.core.windows.net"), StringComparison.Ordinal);

    [Theory]
    [InlineData("acct.blob.core.windows.net")]
    [InlineData("http://acct.blob.core.windows.net")]
    public void AMalformedOrPlainHttpBlobEndpointIsNamed(string uri) =>
        Assert.Contains("ProfileStorage__blobServiceUri ('", StorageFailure(serviceUri: "https://acct.table.core.windows.net", blobServiceUri: uri), StringComparison.Ordinal);

    [Fact]
    public void MissingStorageSettingsAreNamed() => Assert.Contains("ProfileStorage", StorageFailure(), StringComparison.Ordinal);

    [Fact]
    public void BothStorageSettingsAtOnceAreRefused() =>
        Assert.Contains("both", StorageFailure("UseDevelopmentStorage=true", "https://acct.table.core.windows.net"), StringComparison.Ordinal);

    [Theory]
    [InlineData("not a connection string")]
    [InlineData("AccountName=acct")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=***")]
    public void AMalformedConnectionStringIsNamed(string connectionString) =>
        Assert.Contains("Setting ProfileStorage is not a valid", StorageFailure(connectionString), StringComparison.Ordinal);

    [Theory]
    [InlineData("acct.table.core.windows.net")]
    [InlineData("http://acct.table.core.windows.net")]
    public void AMalformedOrPlainHttpEndpointIsNamed(string uri) =>
        Assert.Contains("ProfileStorage__tableServiceUri", StorageFailure(serviceUri: uri), StringComparison.Ordinal);

    [Fact]
    public void AMalformedManagedIdentityClientIdIsNamed() =>
        Assert.Contains("ProfileStorage__clientId", StorageFailure(serviceUri: "https://acct.table.core.windows.net", clientId: "mi"), StringComparison.Ordinal);
}
