using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ProfileFunctions.Core.Access;

/// <summary>
/// One Information line, with the reason, for each bearer token a scheme rejects: a bad token is the client's fault, answered
/// 401, and not worth IdentityModel's several Error lines per request (which <see cref="ProfileAuthentication"/> keeps out).
/// Anything else that fails authentication (the authority's metadata out of reach) is rethrown by JwtBearer and logged
/// as the unexpected error it is.
/// </summary>
internal sealed partial class TokenRejectionLog(ILogger<TokenRejectionLog> logger) : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        options.Events ??= new JwtBearerEvents();
        var next = options.Events.OnAuthenticationFailed;
        options.Events.OnAuthenticationFailed = context =>
        {
            if (IsTokenFault(context.Exception))
            {
                string reason = Reason(context.Exception);
                LogRejected(context.Scheme.Name, reason);
            }

            return next(context);
        };
    }

    private static bool IsTokenFault(Exception exception) => exception switch
    {
        AggregateException all => all.InnerExceptions.All(IsTokenFault),
        _ => exception is SecurityTokenException or SecurityTokenArgumentException,
    };

    // IdentityModel's messages run to several lines (keys tried, links); the first says what failed, with PII hidden.
    private static string Reason(Exception exception) => exception is AggregateException all
        ? string.Join(" | ", all.InnerExceptions.Select(Reason))
        : exception.Message.Split('\n', 2)[0].Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "A bearer token was rejected by scheme {Scheme}: {Reason}")]
    private partial void LogRejected(string scheme, string reason);
}
