


using ProfileFunctions.Core.Content;

namespace ProfileFunctions.Tests.Content;

public sealed class UploadSpoolTests
{
    [Fact]
    public async Task AnOpenSpoolFileHasNoNameInItsFolderAndStillHoldsItsBytes()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "On Windows the file keeps its name until closed, and the system deletes it then.");
        byte[] bytes = TestImages.Png();

        await using var spool = UploadSpool.Create();
        await spool.WriteAsync(bytes, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(Directory.EnumerateFiles(UploadSpool.Folder), file => file == spool.Name);
        Assert.False(File.Exists(spool.Name));
        spool.Position = 0;
        byte[] read = new byte[bytes.Length];
        await spool.ReadExactlyAsync(read, TestContext.Current.CancellationToken);
        Assert.Equal(bytes, read);
    }

    [Fact]
    public void TheFolderIsThisUsersOnlyInsideTheTemporaryFolder()
    {
        Assert.StartsWith(Path.GetTempPath(), UploadSpool.Folder, StringComparison.Ordinal);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(UploadSpool.Folder));
    }

    [Fact]
    public void FilesLeftInTheFolderAreDeleted()
    {
        string leftover = Path.Combine(UploadSpool.Folder, $"{Guid.NewGuid():N}.upload");
        File.WriteAllBytes(leftover, TestImages.Png());

        UploadSpool.DeleteLeftovers();

        Assert.False(File.Exists(leftover));
    }
}
