using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ProfileFunctions.LocalHost.OpenApi;

/// <summary>
/// The API's OpenAPI 3.1 document, generated from the endpoints' metadata (the Core handlers' return types), with what metadata cannot say: the
/// document's description and the OAuth2 scheme (Entra ID: the delegated scope and the app role).
/// </summary>
internal static class ProfileApiDocument
{
    public const string Path = "/openapi.json";

    private const string Scheme = "entra-id";
    private const string Scope = "Profile.ReadWrite";

    public static IServiceCollection AddProfileApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer(Describe);
            options.AddOperationTransformer(RepeatabilityHeaders.Describe);
        });

    private static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "ProfileFunctions",
            Version = "1.0",
            Description = "Microsoft Graph style profile and profile photo API. Every call needs an Entra ID access token for "
                + "the API's app registration: the app role Profile.ReadWrite.All acts for any user; the delegated scope "
                + "Profile.ReadWrite acts for the signed-in user only (their object id, or 'me'). Errors use the Graph error "
                + "format; every response carries a request-id header and echoes client-request-id.",
        };

        // The tenant and the API's client id belong to each deployment; the document names them as placeholders.
        var scheme = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Entra ID. Request 'api://{client-id}/Profile.ReadWrite' for a user, or 'api://{client-id}/.default' "
                + "for an application granted the Profile.ReadWrite.All app role.",
            Flows = new OpenApiOAuthFlows
            {
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize"),
                    TokenUrl = new Uri("https://login.microsoftonline.com/organizations/oauth2/v2.0/token"),
                    Scopes = new Dictionary<string, string> { [Scope] = "Create and read the signed-in user's own profile and photos." },
                },
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("https://login.microsoftonline.com/organizations/oauth2/v2.0/token"),
                    Scopes = new Dictionary<string, string> { ["Profile.ReadWrite.All"] = "App role: create and read any user's profile and photos." },
                },
            },
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme> { [Scheme] = scheme };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [Scope] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = ["Profile.ReadWrite.All"] },
        ];
        return Task.CompletedTask;
    }
}
