using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// How to reach Blob Storage, from the same <c>ProfileStorage</c> section as tables: its value as a connection string
/// (Azurite's names a BlobEndpoint), or <c>ProfileStorage__blobServiceUri</c> (and optionally
/// <c>ProfileStorage__clientId</c>) for a managed identity.
/// </summary>
internal sealed class PhotoContentSettings
{
    public string? ConnectionString { get; set; }

    public string? BlobServiceUri { get; set; }

    public string? ClientId { get; set; }
}

/// <summary>Fails start-up with a message naming each missing or malformed blob setting.</summary>
internal sealed class PhotoContentSettingsValidator : IValidateOptions<PhotoContentSettings>
{
    public ValidateOptionsResult Validate(string? name, PhotoContentSettings options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                // The SDK's own parser decides; constructing a client does no I/O.
                _ = new BlobServiceClient(options.ConnectionString);
                return ValidateOptionsResult.Success;
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
            {
                return ValidateOptionsResult.Fail("Setting ProfileStorage is not a valid Blob Storage connection string.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.BlobServiceUri))
        {
            return ValidateOptionsResult.Fail("Setting ProfileStorage__blobServiceUri is missing: with a managed identity, set it to the account's blob endpoint, e.g. https://<account>.blob.core.windows.net.");
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.BlobServiceUri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
        {
            failures.Add($"Setting ProfileStorage__blobServiceUri ('{options.BlobServiceUri}') must be the account's https blob endpoint, e.g. https://<account>.blob.core.windows.net.");
        }

        if (options.ClientId is not null && !Guid.TryParse(options.ClientId, out _))
        {
            failures.Add($"Setting ProfileStorage__clientId ('{options.ClientId}') is not a GUID: use the client id of the user-assigned managed identity.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
