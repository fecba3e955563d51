using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// Where an upload's body waits while it is checked: a file in a folder of the API's own under the temporary folder,
/// readable by this user only (0700), with no name once open. On Linux and macOS the file is unlinked as soon as it is
/// created, so it disappears with its handle however the process ends (a crash, a kill); on Windows the system deletes
/// it on close (FILE_FLAG_DELETE_ON_CLOSE), a crash included. A kill in the moment between creating and unlinking can
/// leave a file: <see cref="DeleteLeftovers"/> removes them at start-up.
/// </summary>
internal static class UploadSpool
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly Lazy<string> PrivateFolder = new(CreateFolder);

    /// <summary>The folder, created on first use.</summary>
    public static string Folder => PrivateFolder.Value;

    /// <summary>A new spool file, open for reading and writing, that no other process can open by name.</summary>
    public static FileStream Create()
    {
        string path = Path.Combine(Folder, $"{Guid.NewGuid():N}.upload");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, options);
        }

        options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var file = new FileStream(path, options);

        // The open handle keeps the data; the name goes now, not when the request ends.
        File.Delete(path);
        return file;
    }

    /// <summary>Deletes the files left in the folder (each the body of an upload whose process is gone); returns how many.</summary>
    public static int DeleteLeftovers()
    {
        int deleted = 0;
        foreach (string file in Directory.EnumerateFiles(Folder, "*.upload"))
        {
            try
            {
                File.Delete(file);
                deleted++;
            }
            catch (IOException)
            {
                // Still open on Windows: another process's upload, which the system deletes when it closes.
            }
        }

        return deleted;
    }

    private static string CreateFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "profilefunctions-uploads");
        if (OperatingSystem.IsWindows())
        {
            // %TEMP% is the user's own on Windows.
            return Directory.CreateDirectory(folder).FullName;
        }

        try
        {
            // The temporary folder is shared: a folder of that name that is a link, or someone else's (whose mode this
            // user cannot set), is not used.
            var info = Directory.CreateDirectory(folder, OwnerOnly);
            if (info.LinkTarget is not null)
            {
                throw new IOException($"{folder} is a link.");
            }

            File.SetUnixFileMode(folder, OwnerOnly);
            return info.FullName;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Directory.CreateTempSubdirectory("profilefunctions-uploads-").FullName;
        }
    }
}

/// <summary>Removes upload spool files left by an earlier process at start-up (<see cref="UploadSpool.DeleteLeftovers"/>).</summary>
internal sealed partial class UploadSpoolCleanup(ILogger<UploadSpoolCleanup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        int deleted = UploadSpool.DeleteLeftovers();
        if (deleted > 0)
        {
            LogDeleted(deleted, UploadSpool.Folder);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} upload files left in {Folder} by an earlier process")]
    private partial void LogDeleted(int count, string folder);
}
