using System.Globalization;

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

    /// <summary>
    /// <c>ProfileStorage__attemptTimeout</c>: how long one storage attempt may take before the client retries it
    /// (a TimeSpan, e.g. 00:00:04, the default). Tests shorten it to make slow storage quick to show.
    /// </summary>
    public string? AttemptTimeout { get; set; }

    /// <summary>The attempt timeout when unset.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(4);

    /// <summary>The shortest and longest attempt timeout allowed: one attempt must leave room for a retry within the budget.</summary>
    public static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxAttemptTimeout = TimeSpan.FromSeconds(4);

    /// <summary>The validated <see cref="AttemptTimeout"/>, or the default.</summary>
    public TimeSpan AttemptTimeoutValue =>
        TryParseAttemptTimeout(AttemptTimeout, out var timeout) ? timeout : DefaultAttemptTimeout;

    public static bool TryParseAttemptTimeout(string? text, out TimeSpan timeout)
    {
        timeout = DefaultAttemptTimeout;
        return string.IsNullOrWhiteSpace(text)
            || (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out timeout)
                && timeout >= MinAttemptTimeout && timeout <= MaxAttemptTimeout);
    }
}
