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

/// <param name="Items">The page's resources, ordered by row key.</param>
/// <param name="Continuation">Table Storage's continuation token, when more may remain.</param>
internal sealed record StoredPage(IReadOnlyList<ResourceEntity> Items, string? Continuation);
