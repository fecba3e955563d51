using System.Diagnostics.CodeAnalysis;

namespace ProfileFunctions.Core.Http;

/// <summary>What reading a request body gave: the body, or the contract's answer when there is none to use.</summary>
internal sealed class RequestBodyRead
{
    private RequestBodyRead(RequestBody? body, ApiError? refusal)
    {
        Body = body;
        Refusal = refusal;
    }

    public RequestBody? Body { get; }

    public ApiError? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Refusal))]
    [MemberNotNullWhen(false, nameof(Body))]
    public bool IsRefused => Refusal is not null;

    public static RequestBodyRead Read(RequestBody body) => new(body, null);

    public static RequestBodyRead Refused(ApiError refusal) => new(null, refusal);
}
