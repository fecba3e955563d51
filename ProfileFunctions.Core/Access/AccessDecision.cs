using Microsoft.AspNetCore.Http;

namespace ProfileFunctions.Core.Access;

/// <summary>The outcome of the checks before any operation: who the caller is and whose resources, or the refusal.</summary>
internal sealed class AccessDecision
{
    private readonly Caller? _caller;
    private readonly string? _userId;

    private AccessDecision(IResult? refusal, Caller? caller, string? userId)
    {
        Refusal = refusal;
        _caller = caller;
        _userId = userId;
    }

    /// <summary>The 401, 400 or 403 to answer with; null when access is granted.</summary>
    public IResult? Refusal { get; }

    public Caller Caller => _caller ?? throw new InvalidOperationException("Access was refused.");

    /// <summary>The stored userId: <c>me</c> resolved, lower case.</summary>
    public string UserId => _userId ?? throw new InvalidOperationException("Access was refused.");

    public static AccessDecision Granted(Caller caller, string userId) => new(null, caller, userId);

    public static AccessDecision Denied(IResult refusal) => new(refusal, null, null);
}
