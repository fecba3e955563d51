using ProfileFunctions.Testing;

namespace ProfileFunctions.Bench;

/// <summary>
/// The worst-case <c>$value</c> run: PUTs of the images within the contract's limits that cost a decoder the most memory
/// (<see cref="WorstImages"/>), each worker into a photo of its own, to see the API's peak memory under the decode budget.
/// </summary>
internal sealed class WorstCaseWorkload
{
    private readonly WorkerPhotos _photos;

    private WorstCaseWorkload(WorkerPhotos photos)
    {
        _photos = photos;
    }

    /// <summary>The images, by name: what each one makes a decoder hold.</summary>
    public static IReadOnlyList<(string Name, string ContentType, byte[] Bytes)> Images() =>
    [
        ("progressive CMYK JPEG 10000x2500", "image/jpeg", WorstImages.ProgressiveCmykJpeg()),
        ("interlaced 16-bit PNG 5000x5000", "image/png", WorstImages.Interlaced16BitPng()),
    ];

    /// <summary>One photo per worker for up to <paramref name="workers"/> workers.</summary>
    public static async Task<WorstCaseWorkload> CreateAsync(HttpClient http, Workload workload, int workers) =>
        new(await WorkerPhotos.CreateAsync(http, workload, workers));

    /// <summary>An operation for <see cref="LoadRun"/>: PUT <paramref name="image"/> into the worker's photo.</summary>
    public Func<int, long, Task<string?>> Put(string contentType, byte[] image) => (worker, _) => _photos.PutAsync(worker, contentType, image);
}
