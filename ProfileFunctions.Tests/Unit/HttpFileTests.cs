using System.Text.RegularExpressions;

namespace ProfileFunctions.Tests.Unit;

public sealed partial class HttpFileTests
{
    [Fact]
    public void TheHttpFileHasARequestForEveryOperation()
    {
        string text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "ProfileFunctions.http"));
        var requests = RequestLine().Matches(text).Select(match => $"{match.Groups["method"].Value} {match.Groups["path"].Value}").ToHashSet();

        foreach (string operation in new[]
        {
            "POST /user/{{userId}}/profile", "GET /user/{{userId}}/profile",
            "POST /user/{{userId}}/photos", "GET /user/{{userId}}/photos", "GET /user/{{userId}}/photos/{{photoId}}",
            "PATCH /user/{{userId}}/profile", "DELETE /user/{{userId}}/profile",
            "PATCH /user/{{userId}}/photos/{{photoId}}", "DELETE /user/{{userId}}/photos/{{photoId}}", "DELETE /user/{{userId}}",
            "PUT /user/{{userId}}/photos/{{photoId}}/$value", "GET /user/{{userId}}/photos/{{photoId}}/$value",
            "GET /user/{{userId}}/photos/{{photoId}}/96x96/$value",
            "GET /openapi.json", "GET /healthz",
        })
        {
            Assert.Contains(operation, requests);
        }
    }

    [GeneratedRegex(@"^(?<method>GET|POST|PUT|PATCH|DELETE) \{\{host\}\}(?<path>\S+)$", RegexOptions.Multiline)]
    private static partial Regex RequestLine();
}
