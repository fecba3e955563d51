
namespace ProfileFunctions.Core.Storage;

internal enum StoreOutcome
{
    Done,
    NotFound,
    AlreadyExists,
    Unavailable,
}

/// <param name="Outcome">What storage did.</param>
/// <param name="Value">What it returned, when <see cref="StoreOutcome.Done"/>.</param>
internal readonly record struct StoreResult<T>(StoreOutcome Outcome, T? Value = default);
