using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>
/// Storage that commits a write but answers after the storage client's attempt timeout: the client retries the insert,
/// and the retry meets the row the first attempt wrote. Each test prints its figures (creates, answers, entities).
/// </summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class SlowStorageTests(ApiFixture api, ITestOutputHelper output)
{
    // The API under test gives each storage attempt this long (a setting), and the proxy holds responses longer.
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);
    private const int EachKind = 6;
    private const string Body = """{"note":"sent once"}""";

    private static readonly string[] Kinds = ["profile", "photo", "keyed profile", "keyed photo"];

    private sealed record Create(string Kind, string User, string? Key)
    {
        /// <summary>The first attempt's time, sent again with each retry as OASIS Repeatable Requests asks.</summary>
        public string FirstSent { get; } = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);

        public bool IsProfile => Kind.EndsWith("profile", StringComparison.Ordinal);

        public string Path => IsProfile ? Paths.Profile(User) : Paths.Photos(User);
    }

    private sealed record Answer(Create Create, HttpStatusCode Status, TimeSpan Elapsed, string? RetryAfter, string? Repeatability, string? Id, string Text);

    [Fact]
    public async Task FreshCreatesAnsweredLateByStorageAfterItCommittedAreNeverConflicts()
    {
        using var proxy = new SlowStorageProxy(api.Azurite.Port);
        await using var own = await StartApiAsync(proxy);
        var creates = NewCreates();

        // Every other connection answers after the client's attempt timed out: its retry finds the row it wrote.
        proxy.Hold = AttemptTimeout + TimeSpan.FromSeconds(1);
        var answers = (await Task.WhenAll(creates.Select(create => SendAsync(own.Client, create)))).ToList();
        proxy.Hold = null;

        await ReportAsync(proxy, creates, answers);
        Assert.True(proxy.HeldResponses > 0, "Storage was never slow.");
        Assert.All(answers, answer => Assert.True(
            answer.Status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable,
            $"{answer.Create.Kind}: {(int)answer.Status} {answer.Text}"));
        AssertEvery503IsTimelyWithRetryAfter(answers);
        foreach (var answer in answers.Where(answer => answer.Status == HttpStatusCode.Created))
        {
            Assert.Equal(answer.Create.Key is null ? null : "accepted", answer.Repeatability);
            Assert.Equal(answer.Id, await StoredIdAsync(answer.Create, answer.Id!));
        }
    }

    [Fact]
    public async Task KeyedCreatesRetriedAfterA503GetTheirOneResource()
    {
        using var proxy = new SlowStorageProxy(api.Azurite.Port);
        await using var own = await StartApiAsync(proxy);
        var creates = NewCreates();

        // Every response comes after the storage budget: each create is written, and answered 503.
        proxy.HoldAll = true;
        proxy.Hold = TimeSpan.FromSeconds(12);
        var first = (await Task.WhenAll(creates.Select(create => SendAsync(own.Client, create)))).ToList();
        proxy.Hold = null;
        int committed = 0;
        foreach (var create in creates)
        {
            committed += await CountAsync(create);
        }

        output.WriteLine($"Entities stored by the creates answered 503: {committed}.");

        // The client retries each one as it was sent, the same bytes with the same key if it had one.
        var retries = (await Task.WhenAll(creates.Select(create => SendAsync(own.Client, create)))).ToList();

        await ReportAsync(proxy, creates, [.. first, .. retries]);
        Assert.All(first, answer => Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status));
        AssertEvery503IsTimelyWithRetryAfter(first);
        foreach (var retry in retries.Where(answer => answer.Create.Key is not null))
        {
            Assert.True(retry.Status == HttpStatusCode.Created, $"{retry.Create.Kind}: {(int)retry.Status} {retry.Text}");
            Assert.Equal("accepted", retry.Repeatability);
            Assert.Equal(1, await CountAsync(retry.Create));
            Assert.Equal(retry.Id, await StoredIdAsync(retry.Create, retry.Id!));
        }

        // Without a key, a profile's retry finds the profile its first request made: a 409, and still one profile.
        foreach (var retry in retries.Where(answer => answer.Create.Kind == "profile"))
        {
            Assert.Equal(HttpStatusCode.Conflict, retry.Status);
            Assert.Equal(1, await CountAsync(retry.Create));
        }
    }

    private static void AssertEvery503IsTimelyWithRetryAfter(IEnumerable<Answer> answers) =>
        Assert.All(answers.Where(answer => answer.Status == HttpStatusCode.ServiceUnavailable), answer =>
        {
            Assert.True(answer.Elapsed < TimeSpan.FromSeconds(10), $"A 503 took {answer.Elapsed}.");
            Assert.InRange(int.Parse(answer.RetryAfter ?? "0", CultureInfo.InvariantCulture), 1, 60);
            Assert.Contains("Repeatability-Request-ID", answer.Text, StringComparison.Ordinal);
        });

    private static List<Create> NewCreates() =>
        [.. Enumerable.Range(0, EachKind).SelectMany(i => Kinds.Select(kind => new Create(kind, Paths.NewUser(), kind.StartsWith("keyed", StringComparison.Ordinal) ? $"key:{i}" : null)))];

    private async Task<OwnApi> StartApiAsync(SlowStorageProxy proxy)
    {
        var own = api.StartOwnApi(new Dictionary<string, string?>
        {
            ["ProfileStorage"] = proxy.ConnectionString,
            ["ProfileStorage:attemptTimeout"] = AttemptTimeout.ToString("c", CultureInfo.InvariantCulture),
        });

        // The tables exist, and a connection is open, before storage turns slow.
        string user = Paths.NewUser();
        Assert.Equal(HttpStatusCode.Created, (await own.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), "{}")).StatusCode);
        return own;
    }

    private async Task<int> CountAsync(Create create) =>
        create.IsProfile ? (await api.ProfileAsync(create.User) is null ? 0 : 1) : (await api.PhotosAsync(create.User)).Count;

    private async Task<string?> StoredIdAsync(Create create, string id) =>
        create.IsProfile ? (await api.ProfileAsync(create.User))?.GetString("Id") : (await api.PhotoAsync(create.User, id))?.GetString("Id");

    private async Task ReportAsync(SlowStorageProxy proxy, List<Create> creates, List<Answer> answers)
    {
        output.WriteLine($"Storage held {proxy.HeldResponses} responses; attempt timeout {AttemptTimeout.TotalSeconds} s.");
        foreach (string kind in Kinds)
        {
            var mine = answers.Where(answer => answer.Create.Kind == kind).ToList();
            int stored = 0;
            foreach (var create in creates.Where(create => create.Kind == kind))
            {
                stored += await CountAsync(create);
            }

            output.WriteLine(
                $"{kind}: {EachKind} creates, {mine.Count} requests sent; 201: {Count(mine, HttpStatusCode.Created)}, 409: {Count(mine, HttpStatusCode.Conflict)}, "
                + $"503: {Count(mine, HttpStatusCode.ServiceUnavailable)}, other: {mine.Count(answer => (int)answer.Status is not (201 or 409 or 503))}; "
                + $"entities stored: {stored}; slowest answer {mine.Max(answer => answer.Elapsed).TotalSeconds:F1} s");
        }

        foreach (var answer in answers.Where(answer => answer.Status is not (HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable)))
        {
            output.WriteLine($"{answer.Create.Kind}: {(int)answer.Status} {answer.Text}");
        }
    }

    private static int Count(List<Answer> answers, HttpStatusCode status) => answers.Count(answer => answer.Status == status);

    private async Task<Answer> SendAsync(HttpClient client, Create create)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, create.Path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token(TokenRequest.Delegated(create.User)));
        if (create.Key is not null)
        {
            request.Headers.Add("Repeatability-Request-ID", create.Key);
            request.Headers.Add("Repeatability-First-Sent", create.FirstSent);
        }

        var stopwatch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        stopwatch.Stop();
        string? id = null;
        if (response.StatusCode == HttpStatusCode.Created)
        {
            using var json = JsonDocument.Parse(text);
            id = json.RootElement.GetProperty("id").GetString();
        }

        string? repeatability = response.Headers.TryGetValues("Repeatability-Result", out var values) ? string.Join(",", values) : null;
        return new Answer(create, response.StatusCode, stopwatch.Elapsed, response.Headers.RetryAfter?.ToString(), repeatability, id, text);
    }
}
