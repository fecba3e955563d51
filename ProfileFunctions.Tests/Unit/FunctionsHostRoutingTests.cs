extern alias FunctionsApp;

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using ProfileFunctions.Core.Hosting;
using App = FunctionsApp::ProfileFunctions;

namespace ProfileFunctions.Tests.Unit;

/// <summary>
/// The built app under the Functions host's routing rule, with no host: the host orders HTTP functions by name
/// (case-insensitive), tries each route with its method constraint and gives the request to the first match
/// (azure-functions-host #9876 and #3153). Every route of the contract × every method goes where it must.
/// </summary>
public sealed class FunctionsHostRoutingTests
{
    private const string PhotoId = "1736e66d-e66d-1736-6de6-36176de63617";

    // "The whole surface" of the contract: each route's methods, in Allow order, with the function that serves each.
    private static readonly (string Path, (string Method, string Function)[] Operations)[] Surface =
    [
        ("/user/u1", [("DELETE", "EraseUser")]),
        ("/user/me/profile", [("GET", "ReadProfile"), ("POST", "CreateProfile"), ("PATCH", "UpdateProfile"), ("DELETE", "DeleteProfile")]),
        ("/user/u1/photos", [("GET", "ListPhotos"), ("POST", "CreatePhoto")]),
        ($"/user/u1/photos/{PhotoId}", [("GET", "ReadPhoto"), ("PATCH", "UpdatePhoto"), ("DELETE", "DeletePhoto")]),
        ($"/user/u1/photos/{PhotoId}/$value", [("GET", "ReadPhotoContent"), ("PUT", "WritePhotoContent")]),
    ];

    // The standard methods, and one that no route declares.
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PURGE"];

    private static readonly string[] UnknownPaths = ["/user", "/users/u1", "/user/u1/profiles", "/user/u1/photos/a/b", $"/user/u1/photos/{PhotoId}/value", "/favicon.ico"];

    [Fact]
    public void EveryMethodOnEveryRouteReachesTheFunctionMeantForItUnderTheHostsOrder()
    {
        var functions = HostOrder();

        foreach (var (path, operations) in Surface)
        {
            foreach (string method in Methods)
            {
                string expected = operations.FirstOrDefault(operation => operation.Method == method).Function ?? App.RouteFallback.Name;
                Assert.True(expected == FirstMatch(functions, method, path), $"{method} {path} reaches {FirstMatch(functions, method, path)}, not {expected}");
            }
        }

        foreach (string path in UnknownPaths)
        {
            Assert.All(Methods, method => Assert.Equal(App.RouteFallback.Name, FirstMatch(functions, method, path)));
        }

        Assert.Equal(nameof(App.HealthFunction), FirstMatch(functions, "GET", "/healthz"));
    }

    [Fact]
    public void TheFallbackAnswersAsTheContractSaysWhateverItReceives()
    {
        // Whichever function the host picks, the fallback's answer does not hang on names: an operation's request is
        // that operation's, another method on a route a 405 with the route's Allow, any other path a 404.
        foreach (var (path, operations) in Surface)
        {
            foreach (string method in Methods)
            {
                var (route, operation, _) = RouteTable.Find(method, new PathString(path));
                Assert.NotNull(route);
                Assert.Equal(string.Join(", ", operations.Select(entry => entry.Method)), route.Allow);
                Assert.Equal(operations.FirstOrDefault(entry => entry.Method == method).Function, operation?.Name);
            }
        }

        foreach (string path in UnknownPaths)
        {
            Assert.Null(RouteTable.Find("GET", new PathString(path)).Route);
        }
    }

    /// <summary>The app's HTTP functions as the host orders them: by name, ignoring case.</summary>
    private static List<(string Name, TemplateMatcher Route, string[]? Methods)> HostOrder()
    {
        string metadata = Path.Combine(Path.GetDirectoryName(typeof(App.RouteFallback).Assembly.Location)!, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(metadata));
        var functions = new List<(string Name, TemplateMatcher Route, string[]? Methods)>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(binding => binding.GetProperty("type").GetString() == "httpTrigger");
            string[]? methods = trigger.TryGetProperty("methods", out var declared) && declared.ValueKind == JsonValueKind.Array
                ? [.. declared.EnumerateArray().Select(method => method.GetString()!)]
                : null;
            functions.Add((function.GetProperty("name").GetString()!, new TemplateMatcher(TemplateParser.Parse(trigger.GetProperty("route").GetString()!), []), methods));
        }

        return [.. functions.OrderBy(function => function.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private static string? FirstMatch(List<(string Name, TemplateMatcher Route, string[]? Methods)> functions, string method, string path) =>
        functions.FirstOrDefault(function =>
            function.Route.TryMatch(new PathString(path), new RouteValueDictionary())
            && (function.Methods is null || function.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))).Name;
}
