namespace ProfileFunctions.Core.Repeatability;

/// <summary>The OASIS Repeatable Requests headers the creates take and give, for the hosts' API descriptions.</summary>
public static class RepeatabilityHeaderNames
{
    /// <summary>The client's key for one create, sent again with each retry.</summary>
    public const string RequestId = "Repeatability-Request-ID";

    /// <summary>When the request with that key was first sent (an HTTP-date).</summary>
    public const string FirstSent = "Repeatability-First-Sent";

    /// <summary>The response header on every 201 of a keyed request.</summary>
    public const string Result = "Repeatability-Result";

    /// <summary>The value of <see cref="Result"/> on a 201.</summary>
    public const string Accepted = "accepted";

    /// <summary>The longest key.</summary>
    public const int MaxKeyLength = 64;
}
