namespace ProfileFunctions.Core.Storage;

internal enum InsertOutcome
{
    Created,
    AlreadyExists,
    Unavailable,
}

/// <param name="Outcome">What storage did.</param>
/// <param name="ETag">The new entity's ETag, in header form, when created.</param>
internal readonly record struct InsertResult(InsertOutcome Outcome, string? ETag = null);
