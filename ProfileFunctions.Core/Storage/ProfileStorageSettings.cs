namespace ProfileFunctions.Core.Storage;

/// <summary>
/// How to reach Table and Blob Storage: <c>ProfileStorage</c> as a connection string (for both), or
/// <c>ProfileStorage__tableServiceUri</c> and <c>ProfileStorage__blobServiceUri</c> (and optionally
/// <c>ProfileStorage__clientId</c>) for a managed identity.
/// </summary>
internal sealed class ProfileStorageSettings
{
    public const string SectionName = "ProfileStorage";

    public string? ConnectionString { get; set; }

    public string? TableServiceUri { get; set; }

    public string? BlobServiceUri { get; set; }

    public string? ClientId { get; set; }
}
