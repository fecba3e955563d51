using System.Diagnostics;
using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using ProfileFunctions.Bench;
using ProfileFunctions.Testing;

// bench/run.sh publishes the local host (ReadyToRun) and passes its dll here.
string hostDll = args.Length >= 1 && File.Exists(args[0])
    ? Path.GetFullPath(args[0])
    : throw new ArgumentException("Usage: ProfileFunctions.Bench <path to the published ProfileFunctions.LocalHost.dll> [--profile]");

// --profile: only load the API (c=32, 60 s) and print its PID, for a profiler to attach to.
// --quick: only load the API (c=32, 15 s), to compare settings quickly; the full run decides.
bool profile = args.Contains("--profile");
bool quick = args.Contains("--quick");

// --cold: only the cold starts.
bool coldOnly = args.Contains("--cold");

// --worst: only the worst-case $value line (the decode budget's peak memory).
bool worstOnly = args.Contains("--worst");

// --sizes: only the photo sizes lines.
bool sizesOnly = args.Contains("--sizes");
var warmup = TimeSpan.FromSeconds(2);
var duration = TimeSpan.FromSeconds(10);
int[] concurrencies = [8, 32, 64];
const int Rounds = 2;
const int ColdStarts = 5;
const string ApiTable = "ProfilePhotos";

Console.WriteLine($"ProfileFunctions benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"host: {hostDll}");

await using var azurite = await Azurite.StartAsync();
await using var issuer = await TestIssuer.StartAsync();
var storage = new ProcessProbe(azurite.Process);
var workload = Workload.Create(user => issuer.Mint(TokenRequest.Delegated(user)));
Console.WriteLine($"workload: {Workload.Users} users, request body {workload.Body.Length} bytes, stored body {workload.StoredBody.Length} bytes");

var settings = new Dictionary<string, string>
{
    ["AzureAd:Instance"] = issuer.Instance,
    ["AzureAd:TenantId"] = TestIssuer.TenantId,
    ["AzureAd:ClientId"] = TestIssuer.ClientId,
    ["ProfileStorage"] = azurite.ConnectionString,
    ["ASPNETCORE_ENVIRONMENT"] = "Production",

    // 100 users at thousands of requests a second are tens of requests a second each, beyond the default 600 a minute
    // (10 a second): the benchmark measures the API's work, not its 429s, so the limit is the highest the setting allows.
    ["ProfileApi:RateLimit:PermitsPerMinute"] = "1000000",

    // Each user gets thousands of photos a run, beyond the default 1,000 a user: likewise the highest the setting allows.
    ["ProfileApi:MaxPhotosPerUser"] = "1000000",
};

// The raw baseline: the same entity, straight from Azure.Data.Tables, into a table of its own.
var rawTable = new TableServiceClient(azurite.ConnectionString).GetTableClient("RawPhotos");
await rawTable.CreateIfNotExistsAsync();

int apiPort = FreePort.Next();
var apiSettings = new Dictionary<string, string>(settings) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{apiPort}" };
if (profile)
{
    // perf finds .NET frames in /tmp/perf-<pid>.map: only for code outside W^X double mapping, and without
    // ReadyToRun code every frame is in it.
    apiSettings["DOTNET_PerfMapEnabled"] = "1";
    apiSettings["DOTNET_EnableWriteXorExecute"] = "0";
    apiSettings["DOTNET_ReadyToRun"] = "0";
}

using var api = LocalHostProcess.Start(hostDll, apiSettings);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false, AllowAutoRedirect = false })
{
    BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"),
};
long created = 0;
await FirstCreatedAsync(http, workload, TimeSpan.FromSeconds(30));
created++;

async Task<string?> PostPhotoAsync(int worker, long iteration)
{
    using var request = workload.PhotoRequest((int)((worker * 7919 + iteration) % Workload.Users));
    try
    {
        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            Interlocked.Increment(ref created);
            return null;
        }

        return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
    }
    catch (HttpRequestException exception)
    {
        return exception.HttpRequestError.ToString();
    }
}

async Task<string?> AddEntityAsync(int worker, long iteration)
{
    try
    {
        await rawTable.AddEntityAsync(workload.Entity((int)((worker * 7919 + iteration) % Workload.Users)));
        return null;
    }
    catch (Azure.RequestFailedException exception)
    {
        return exception.Status.ToString(CultureInfo.InvariantCulture);
    }
}

if (coldOnly)
{
    api.Dispose();
    await ColdStartsAsync();
    return 0;
}

if (worstOnly)
{
    Console.WriteLine(await WorstCaseAsync());
    return 0;
}

if (sizesOnly)
{
    Console.WriteLine(await SizeRunsAsync(warmup, duration, Rounds));
    return 0;
}

if (profile || quick)
{
    var seconds = TimeSpan.FromSeconds(profile ? 60 : 15);
    Console.WriteLine($"api pid {api.Process.Id}: loading it at c=32 for {seconds.TotalSeconds} s");
    // A fresh process spends its first seconds re-compiling hot code; measure after that.
    Report("api", 1, await LoadRun.RunAsync(32, TimeSpan.FromSeconds(15), seconds, PostPhotoAsync, new ProcessProbe(api.Process), storage));

    // The $value run, short: once each at c=8 and c=32, to see that it works; the full run gives its figures.
    var quickContent = await ValueRunsAsync(warmup: TimeSpan.FromSeconds(2), duration: TimeSpan.FromSeconds(5), rounds: 1);
    Console.WriteLine(ValueSummary(quickContent));
    return 0;
}

// $value: PUT of a 200 KB JPEG against a raw blob upload of the same bytes, raw and API alternating, as for creates.
async Task<List<(string Kind, LoadResult Result)>> ValueRunsAsync(TimeSpan warmup, TimeSpan duration, int rounds)
{
    var content = await ContentWorkload.CreateAsync(http, workload, azurite.BlobClient, workers: 32);
    Console.WriteLine($"$value: PUT of a {content.Jpeg.Length / 1024} KB JPEG against a raw BlobClient.UploadAsync of the same bytes");
    var runs = new List<(string Kind, LoadResult Result)>();
    foreach (int concurrency in new[] { 8, 32 })
    {
        for (int round = 1; round <= rounds; round++)
        {
            var raw = await LoadRun.RunAsync(concurrency, warmup, duration, content.UploadRawAsync, target: null, storage);
            Report("raw $value", round, raw);
            runs.Add(("raw", raw));
            var viaApi = await LoadRun.RunAsync(concurrency, warmup, duration, content.PutAsync, new ProcessProbe(api.Process), storage);
            Report("api $value", round, viaApi);
            runs.Add(("api", viaApi));
        }
    }

    return runs;
}

// Worst-case $value: 32 clients PUT, over and over, the image within the limits that costs a decoder the most memory
// (one run per image, 20 s each); the API's peak RSS through both is the figure. 503s are the budget turning work away.
async Task<string> WorstCaseAsync()
{
    var worst = await WorstCaseWorkload.CreateAsync(http, workload, workers: 32);
    long peak = 0;
    foreach (var (name, contentType, bytes) in WorstCaseWorkload.Images())
    {
        var run = await LoadRun.RunAsync(32, TimeSpan.Zero, TimeSpan.FromSeconds(20), worst.Put(contentType, bytes), new ProcessProbe(api.Process), storage);
        Report($"api worst-case $value {name} ({bytes.Length / 1024} KB)", 1, run);
        peak = Math.Max(peak, run.PeakTargetRssBytes);
    }

    return string.Create(CultureInfo.InvariantCulture, $"worst_value_peak_rss_mb={peak / 1048576.0:F0}");
}

// Photo sizes: GET of a size already made against a raw download of its blob (c=32, rounds alternating); the first GET
// of a 25 MP JPEG's largest size, five photos one after another (median); the API's peak RSS while 32 clients each ask,
// at once, for the first size of a 25 MP JPEG of their own.
async Task<string> SizeRunsAsync(TimeSpan warmup, TimeSpan duration, int rounds)
{
    var made = await SizeWorkload.CreateAsync(http, workload, azurite.BlobClient, workers: 32, ContentWorkload.NoiseJpeg(200 * 1024));
    var ratios = new List<double>();
    for (int round = 1; round <= rounds; round++)
    {
        var raw = await LoadRun.RunAsync(32, warmup, duration, made.DownloadRawAsync, target: null, storage);
        Report($"raw size {SizeWorkload.MadeSize}", round, raw);
        var viaApi = await LoadRun.RunAsync(32, warmup, duration, made.GetAsync, new ProcessProbe(api.Process), storage);
        Report($"api size {SizeWorkload.MadeSize}", round, viaApi);
        ratios.Add(viaApi.PerSecond / raw.PerSecond);
    }

    byte[] large = SizeWorkload.PhotoLikeJpeg(5_000, 5_000);
    var firsts = await SizeWorkload.FirstGetsAsync(http, workload, large, "648x648", photos: 5);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first GET of 648x648 of a 25 MP JPEG ({large.Length / 1024} KB): {string.Join(", ", firsts.Select(ms => ms.ToString("F0", CultureInfo.InvariantCulture)))} ms"));
    var (peak, statuses) = await SizeWorkload.FirstGetsAtOnceAsync(http, workload, large, "648x648", clients: 32, new ProcessProbe(api.Process));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"32 first GETs of 648x648 of 25 MP JPEGs at once: peak RSS {peak / 1048576.0:F0} MB; answers {statuses}"));
    return string.Create(CultureInfo.InvariantCulture, $"size_get_ratio_c32={Median(ratios):F2} size_first_ms_25mp={Median(firsts):F0} size_peak_rss_mb={peak / 1048576.0:F0}");
}

// The $value figures: throughput ratio (API / raw, median of the rounds' pairs) at c=8 and c=32, and the API's peak RSS.
string ValueSummary(List<(string Kind, LoadResult Result)> runs)
{
    double Ratio(int concurrency)
    {
        var raw = runs.Where(r => r.Kind == "raw" && r.Result.Concurrency == concurrency).Select(r => r.Result).ToArray();
        var viaApi = runs.Where(r => r.Kind == "api" && r.Result.Concurrency == concurrency).Select(r => r.Result).ToArray();
        return Median(raw.Zip(viaApi, (r, a) => a.PerSecond / r.PerSecond));
    }

    double peak = runs.Where(r => r.Kind == "api").Max(r => r.Result.PeakTargetRssBytes) / 1048576.0;
    return string.Create(CultureInfo.InvariantCulture, $"value_throughput_ratio_c8={Ratio(8):F2} value_throughput_ratio_c32={Ratio(32):F2} value_peak_rss_mb={peak:F0}");
}

// Both sides reach steady state first (the JIT re-compiles hot code in a new process's first seconds); the 2 s
// warm-up of each run then only settles its concurrency.
Console.WriteLine("warming up raw and API (10 s each, not measured)");
await LoadRun.RunAsync(32, TimeSpan.FromSeconds(10), TimeSpan.Zero, AddEntityAsync, target: null, storage);
await LoadRun.RunAsync(32, TimeSpan.FromSeconds(10), TimeSpan.Zero, PostPhotoAsync, new ProcessProbe(api.Process), storage);

var results = new List<(string Kind, int Round, LoadResult Result)>();
foreach (int concurrency in concurrencies)
{
    for (int round = 1; round <= Rounds; round++)
    {
        // Raw and API alternate, so that drift in a noisy machine falls on both.
        var raw = await LoadRun.RunAsync(concurrency, warmup, duration, AddEntityAsync, target: null, storage);
        Report("raw", round, raw);
        results.Add(("raw", round, raw));
        var viaApi = await LoadRun.RunAsync(concurrency, warmup, duration, PostPhotoAsync, new ProcessProbe(api.Process), storage);
        Report("api", round, viaApi);
        results.Add(("api", round, viaApi));
    }
}

// Nothing lost: every 201 is a row, and no row lacks its 201.
long stored = 0;
await foreach (var _ in new TableServiceClient(azurite.ConnectionString).GetTableClient(ApiTable).QueryAsync<TableEntity>(select: ["PartitionKey"]))
{
    stored++;
}

long lost = Math.Max(0, created - stored);
var valueRuns = await ValueRunsAsync(warmup, duration, Rounds);
string worstCase = await WorstCaseAsync();
string sizes = await SizeRunsAsync(warmup, duration, Rounds);
Console.WriteLine($"stored: {stored} rows for {created} responses 201 (lost {lost}, rows without a 201: {Math.Max(0, stored - created)})");
api.Dispose();

// Cold start: a new process of the published host, from launch to its first 201.
var coldStarts = await ColdStartsAsync();

async Task<List<double>> ColdStartsAsync()
{
    var times = new List<double>();
    for (int i = 0; i < ColdStarts; i++)
    {
        int port = FreePort.Next();
        var stopwatch = Stopwatch.StartNew();
        using var cold = LocalHostProcess.Start(hostDll, new Dictionary<string, string>(settings) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });
        double listening = await ListeningAsync(port, stopwatch, TimeSpan.FromSeconds(30));
        using var coldClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await FirstCreatedAsync(coldClient, workload, TimeSpan.FromSeconds(30));
        times.Add(stopwatch.Elapsed.TotalMilliseconds);
        Console.WriteLine($"cold start {i + 1}: {stopwatch.Elapsed.TotalMilliseconds:F0} ms to the first 201 (listening after {listening:F0} ms)");
    }

    return times;
}

double Median(IEnumerable<double> values)
{
    double[] sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

IEnumerable<(LoadResult Raw, LoadResult Api)> Pairs(int concurrency) =>
    Enumerable.Range(1, Rounds).Select(round => (
        results.Single(r => r.Kind == "raw" && r.Round == round && r.Result.Concurrency == concurrency).Result,
        results.Single(r => r.Kind == "api" && r.Round == round && r.Result.Concurrency == concurrency).Result));

double ThroughputRatio(int concurrency) => Median(Pairs(concurrency).Select(pair => pair.Api.PerSecond / pair.Raw.PerSecond));
var apiRuns = results.Where(r => r.Kind == "api").Select(r => r.Result).ToArray();
double loadGeneratorMax = results.Max(r => r.Result.LoadGeneratorCpuCores);
if (loadGeneratorMax > 0.30)
{
    Console.WriteLine($"note: the load generator used up to {loadGeneratorMax:P0} of a core (over 30 %): on this 2-core machine it competes with Azurite and the API.");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"summary: throughput_ratio_c8={ThroughputRatio(8):F2} throughput_ratio_c32={ThroughputRatio(32):F2} throughput_ratio_c64={ThroughputRatio(64):F2} " +
    $"p99_ratio_c32={Median(Pairs(32).Select(pair => pair.Api.P99Ms / pair.Raw.P99Ms)):F2} " +
    $"cpu_us_per_create={Median(apiRuns.Select(r => r.TargetCpuMicrosecondsPerSuccess)):F0} " +
    $"cold_start_ms={Median(coldStarts):F0} " +
    $"peak_rss_mb={apiRuns.Where(r => r.Concurrency == 32).Max(r => r.PeakTargetRssBytes) / 1048576.0:F0} lost={lost} {ValueSummary(valueRuns)} {worstCase} {sizes}"));
return 0;

static void Report(string kind, int round, LoadResult result)
{
    var invariant = CultureInfo.InvariantCulture;
    string api = kind.StartsWith("api", StringComparison.Ordinal)
        ? string.Create(invariant, $"  api cpu {result.TargetCpuMicrosecondsPerSuccess,4:F0} us/201 ({result.TargetCpuCores:F2} cores)  rss {result.PeakTargetRssBytes / 1048576.0:F0} MB")
        : string.Empty;
    string failures = result.Failures.Count == 0
        ? string.Empty
        : "  failures: " + string.Join(", ", result.Failures.Select(failure => string.Create(invariant, $"{failure.Key} x{failure.Value}")));
    Console.WriteLine(string.Create(
        invariant,
        $"c={result.Concurrency,-3} round {round} {kind}: {result.PerSecond,6:F0}/s  p50 {result.P50Ms,6:F2} ms  p99 {result.P99Ms,6:F2} ms{api}  loadgen {result.LoadGeneratorCpuCores:F2} cores  azurite {result.StorageCpuCores:F2} cores{failures}"));
}

// Polls until the port accepts connections: when the host has started.
static async Task<double> ListeningAsync(int port, Stopwatch since, TimeSpan timeout)
{
    while (since.Elapsed < timeout)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return since.Elapsed.TotalMilliseconds;
        }
        catch (System.Net.Sockets.SocketException)
        {
            await Task.Delay(2);
        }
    }

    throw new TimeoutException("The host did not listen within " + timeout);
}

// Polls until the host answers a create with 201: the end of a cold start.
static async Task FirstCreatedAsync(HttpClient client, Workload workload, TimeSpan timeout)
{
    var stopwatch = Stopwatch.StartNew();
    while (stopwatch.Elapsed < timeout)
    {
        try
        {
            using var request = workload.PhotoRequest(0);
            using var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return;
            }

            throw new InvalidOperationException($"The host answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        catch (HttpRequestException)
        {
            await Task.Delay(5);
        }
    }

    throw new TimeoutException("The host did not answer within " + timeout);
}
