namespace ProfileFunctions.Core.Storage;

/// <summary>
/// Work done once per process and shared by every caller: started by the first caller, and started again only after
/// it failed or was forgotten. It runs under its own timeout, never one caller's cancellation.
/// </summary>
internal sealed class SharedTask<T>(Func<Task<T>> start)
{
    private readonly Lock _gate = new();
    private Task<T>? _task;

    public Task<T> Get()
    {
        var task = Volatile.Read(ref _task);
        if (task is { IsCompletedSuccessfully: true })
        {
            return task;
        }

        lock (_gate)
        {
            if (_task is null || _task.IsFaulted || _task.IsCanceled)
            {
                _task = start();
            }

            return _task;
        }
    }

    /// <summary>Forgets the result, so that the next caller starts the work again.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _task = null;
        }
    }
}
