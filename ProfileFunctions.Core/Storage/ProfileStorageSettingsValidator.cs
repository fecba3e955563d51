using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Storage;

/// <summary>Fails start-up with a message naming each missing or malformed <c>ProfileStorage</c> setting.</summary>
internal sealed class ProfileStorageSettingsValidator : IValidateOptions<ProfileStorageSettings>
{
    public ValidateOptionsResult Validate(string? name, ProfileStorageSettings options)
    {
        bool hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        bool hasServiceUri = !string.IsNullOrWhiteSpace(options.TableServiceUri);

        if (hasConnectionString == hasServiceUri)
        {
            return ValidateOptionsResult.Fail(hasConnectionString
                ? "Settings ProfileStorage and ProfileStorage__tableServiceUri are both set: set only one, the connection string or the managed identity's table endpoint."
                : "Setting ProfileStorage is missing: set it to a Table Storage connection string (UseDevelopmentStorage=true for Azurite), or set ProfileStorage__tableServiceUri to reach storage with a managed identity.");
        }

        var failures = new List<string>();
        if (hasConnectionString && !IsConnectionString(options.ConnectionString!))
        {
            failures.Add("Setting ProfileStorage is not a valid Table Storage connection string.");
        }

        if (hasServiceUri
            && (!Uri.TryCreate(options.TableServiceUri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)))
        {
            failures.Add($"Setting ProfileStorage__tableServiceUri ('{options.TableServiceUri}') must be the account's https table endpoint, e.g. https://<account>.table.core.windows.net.");
        }

        // Photo content lives in the same account's blobs: with a managed identity, its endpoint is needed too.
        if (hasServiceUri && string.IsNullOrWhiteSpace(options.BlobServiceUri))
        {
            failures.Add("Setting ProfileStorage__blobServiceUri is missing: with a managed identity, set it beside ProfileStorage__tableServiceUri to the account's blob endpoint, e.g. https://<account>.blob.core.windows.net.");
        }
        else if (hasServiceUri
            && (!Uri.TryCreate(options.BlobServiceUri, UriKind.Absolute, out var blobUri) || (blobUri.Scheme != Uri.UriSchemeHttps && !blobUri.IsLoopback)))
        {
            failures.Add($"Setting ProfileStorage__blobServiceUri ('{options.BlobServiceUri}') must be the account's https blob endpoint, e.g. https://<account>.blob.core.windows.net.");
        }

        if (options.ClientId is not null && !Guid.TryParse(options.ClientId, out _))
        {
            failures.Add($"Setting ProfileStorage__clientId ('{options.ClientId}') is not a GUID: use the client id of the user-assigned managed identity.");
        }

        if (!ProfileStorageSettings.TryParseAttemptTimeout(options.AttemptTimeout, out _))
        {
            failures.Add($"Setting ProfileStorage__attemptTimeout ('{options.AttemptTimeout}') must be a time span from {ProfileStorageSettings.MinAttemptTimeout} to {ProfileStorageSettings.MaxAttemptTimeout}, e.g. 00:00:04.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsConnectionString(string connectionString)
    {
        try
        {
            // The SDK's own parser decides; constructing a client does no I/O.
            _ = new TableServiceClient(connectionString);
            _ = new BlobServiceClient(connectionString);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
