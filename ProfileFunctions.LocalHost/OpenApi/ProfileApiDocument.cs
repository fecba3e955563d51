using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ProfileFunctions.Core.OpenApi;

namespace ProfileFunctions.LocalHost.OpenApi;

/// <summary>
/// The API's OpenAPI 3.1 document, generated from the endpoints' metadata (the Core handlers' return types and their
/// operations' declarations, <see cref="OperationDescriptions"/>), with what metadata cannot say: the document's
/// description, its schemas (<see cref="ResourceSchemas"/>) and the OAuth2 scheme (Entra ID: the delegated scope and the
/// app role), required by every operation.
/// </summary>
internal static class ProfileApiDocument
{
    public const string Path = "/openapi.json";

    /// <summary>The reusable response every path outside the document's answers: 404 ResourceNotFound.</summary>
    public const string UnknownPath = "UnknownPath";

    /// <summary>Where ./run.sh serves the API (its default port), the server a generated client gets without PublicBaseUrl.</summary>
    public const string LocalRunUrl = "http://127.0.0.1:7071";

    private const string Scheme = "entra-id";
    private const string Scope = "Profile.ReadWrite";
    private const string AppRole = "Profile.ReadWrite.All";
    private const string PublicBaseUrlSetting = "ProfileApi:PublicBaseUrl";

    public static IServiceCollection AddProfileApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddOperationTransformer(OperationDescriptions.DescribeAsync);
            options.AddDocumentTransformer(Describe);
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
                + "format; every response carries a request-id header and echoes client-request-id. Location and @odata.nextLink "
                + "are absolute URLs: follow them as they are. Routing answers before authentication: a method a path does not "
                + "list is 405 MethodNotAllowed with Allow (each operation's 405), and any path outside these (e.g. /users/me) "
                + "is 404 ResourceNotFound in the Graph error format (the UnknownPath response).",
        };

        // A fixed server, never the request's own address: the committed document is the same wherever it is generated,
        // and a generated client's default base is usable as it is: the deployment's public URL when the app has one
        // (the setting's start-up validation has checked it), else where ./run.sh serves by default.
        string? publicBaseUrl = context.ApplicationServices.GetRequiredService<IConfiguration>()[PublicBaseUrlSetting];
        document.Servers =
        [
            string.IsNullOrEmpty(publicBaseUrl)
                ? new OpenApiServer { Url = LocalRunUrl, Description = "The local run (./run.sh; PORT changes the port)." }
                : new OpenApiServer { Url = publicBaseUrl.TrimEnd('/'), Description = "This deployment (ProfileApi__PublicBaseUrl)." },
        ];

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
                    Scopes = new Dictionary<string, string> { [AppRole] = "App role: create and read any user's profile and photos." },
                },
            },
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme> { [Scheme] = scheme };

        // The written-out schemas replace those inferred from the CLR shapes, which the operations no longer reference.
        document.Components.Schemas = ResourceSchemas.All(document);

        // No operation can list a path it is not on, so the unknown path's answer is a reusable response of its own.
        document.Components.Responses = new Dictionary<string, IOpenApiResponse>(StringComparer.Ordinal)
        {
            [UnknownPath] = new OpenApiResponse
            {
                Description = "Not Found: any path outside this document's (e.g. /users/me, /user/me/profiles), whatever the method, "
                    + "answers 404 ResourceNotFound in the Graph error format, before authentication.",
                Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.OrdinalIgnoreCase)
                {
                    [DescribedHeaders.RequestId] = HeaderSchemas.Header(DescribedHeaders.RequestId, required: true),
                    [DescribedHeaders.ClientRequestId] = HeaderSchemas.Header(DescribedHeaders.ClientRequestId, required: false),
                },
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ResourceSchemas.Error, document) },
                },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>Either the delegated scope or the app role: each operation's security requirement.</summary>
    public static List<OpenApiSecurityRequirement> Requirements(OpenApiDocument document) =>
    [
        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [Scope] },
        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [AppRole] },
    ];
}
