using System.Diagnostics;

namespace ProfileFunctions.Bench;

/// <summary>What one measured window saw.</summary>
internal sealed record LoadResult(
    int Concurrency,
    long Successes,
    IReadOnlyDictionary<string, long> Failures,
    double PerSecond,
    double P50Ms,
    double P99Ms,
    double TargetCpuMicrosecondsPerSuccess,
    double TargetCpuCores,
    double LoadGeneratorCpuCores,
    double StorageCpuCores,
    long PeakTargetRssBytes);

/// <summary>
/// A closed loop: each of N workers starts its next operation when the last one ends. Operations that start and end
/// inside the measured window count; the warm-up before it does not.
/// </summary>
internal static class LoadRun
{
    /// <param name="concurrency">How many workers.</param>
    /// <param name="warmup">How long to run before measuring.</param>
    /// <param name="duration">How long to measure.</param>
    /// <param name="operation">Runs one operation for (worker, iteration); returns null on success, else what went wrong.</param>
    /// <param name="target">The process whose CPU and memory the run measures, if any.</param>
    /// <param name="storage">The storage emulator's process, to see whether it is the bottleneck.</param>
    public static async Task<LoadResult> RunAsync(
        int concurrency,
        TimeSpan warmup,
        TimeSpan duration,
        Func<int, long, Task<string?>> operation,
        ProcessProbe? target,
        ProcessProbe storage)
    {
        var self = ProcessProbe.Self();
        long start = Stopwatch.GetTimestamp();
        long measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        long measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<long>[concurrency];
        var failures = new Dictionary<string, long>[concurrency];
        long[] successes = new long[concurrency];

        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            latencies[worker] = new List<long>(100_000);
            failures[worker] = [];
            for (long iteration = 0; ; iteration++)
            {
                long begun = Stopwatch.GetTimestamp();
                if (begun >= measureTo)
                {
                    return;
                }

                string? failure = await operation(worker, iteration);
                long ended = Stopwatch.GetTimestamp();
                if (begun < measureFrom || ended > measureTo)
                {
                    continue;
                }

                if (failure is null)
                {
                    successes[worker]++;
                    latencies[worker].Add(ended - begun);
                }
                else
                {
                    failures[worker][failure] = failures[worker].GetValueOrDefault(failure) + 1;
                }
            }
        })).ToArray();

        // Snapshot CPU at the window's edges; sample memory through it.
        await DelayUntil(measureFrom);
        var (targetCpu0, selfCpu0, storageCpu0) = (target?.CpuTime ?? TimeSpan.Zero, self.CpuTime, storage.CpuTime);
        long peakRss = 0;
        while (Stopwatch.GetTimestamp() < measureTo)
        {
            peakRss = Math.Max(peakRss, target?.ResidentBytes ?? 0);
            await Task.Delay(50);
        }

        var (targetCpu1, selfCpu1, storageCpu1) = (target?.CpuTime ?? TimeSpan.Zero, self.CpuTime, storage.CpuTime);
        await Task.WhenAll(workers);

        long total = successes.Sum();
        long[] sorted = latencies.SelectMany(list => list).Order().ToArray();
        double seconds = duration.TotalSeconds;
        return new LoadResult(
            concurrency,
            total,
            failures.SelectMany(map => map).GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value)),
            total / seconds,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.99),
            total == 0 ? 0 : (targetCpu1 - targetCpu0).TotalMicroseconds / total,
            (targetCpu1 - targetCpu0).TotalSeconds / seconds,
            (selfCpu1 - selfCpu0).TotalSeconds / seconds,
            (storageCpu1 - storageCpu0).TotalSeconds / seconds,
            peakRss);
    }

    private static double Percentile(long[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))] * 1000.0 / Stopwatch.Frequency;

    private static async Task DelayUntil(long timestamp)
    {
        long remaining = timestamp - Stopwatch.GetTimestamp();
        if (remaining > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency));
        }
    }
}
