using System.Diagnostics;

namespace ProfileFunctions.Bench;

/// <summary>A process's own CPU accounting and resident memory, as Linux reports them.</summary>
internal sealed class ProcessProbe(Process process)
{
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public long ResidentBytes
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    public static ProcessProbe Self() => new(Process.GetCurrentProcess());
}
