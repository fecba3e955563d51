using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Tests.Content;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration.Content;

/// <summary>An upload's body on disk never outlives its request: it has no name while it is read, and leftovers go at start-up.</summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class UploadTempFileTests(ApiFixture api)
{
    [Fact]
    public async Task AnUploadHalfReadLeavesNoNamedFileInTheTemporaryFolders()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "On Windows the file keeps its name until closed.");
        await using var own = api.StartOwnApi();
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        var created = await own.PostAsync(Paths.Photos(user), token, "{}");
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        string photo = json.RootElement.GetProperty("id").GetString()!;
        var before = TemporaryFiles();

        byte[] image = TestImages.Png(400, 300);
        var body = new PausedContent(image, image.Length / 2);
        using var request = new HttpRequestMessage(HttpMethod.Put, PhotoContentClient.Value(user, photo)) { Content = body };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var put = own.Client.SendAsync(request, TestContext.Current.CancellationToken);

        // Half the body is in the server's file now: it must have no name, in the API's folder or anywhere in the temporary folder.
        await body.Paused.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var during = TemporaryFiles();
        body.Resume();

        Assert.Equal(HttpStatusCode.NoContent, (await put).StatusCode);
        Assert.Empty(during.Except(before));
    }

    [Fact]
    public async Task AFileLeftInTheUploadFolderIsDeletedWhenTheHostStarts()
    {
        string leftover = Path.Combine(UploadSpool.Folder, $"{Guid.NewGuid():N}.upload");
        await File.WriteAllBytesAsync(leftover, TestImages.Png(), TestContext.Current.CancellationToken);

        await using var own = api.StartOwnApi();
        _ = own.Client;

        Assert.False(File.Exists(leftover));
    }

    private static HashSet<string> TemporaryFiles() =>
        [.. Directory.EnumerateFiles(Path.GetTempPath(), "*.upload"), .. Directory.EnumerateFiles(UploadSpool.Folder)];

    /// <summary>A body that sends its first bytes, then waits to be resumed before sending the rest.</summary>
    private sealed class PausedContent(byte[] content, int pauseAt) : HttpContent
    {
        private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Paused => _paused.Task;

        public void Resume() => _resumed.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(content.AsMemory(0, pauseAt));
            await stream.FlushAsync();
            _paused.TrySetResult();
            await _resumed.Task;
            await stream.WriteAsync(content.AsMemory(pauseAt));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = content.Length;
            return true;
        }
    }
}
