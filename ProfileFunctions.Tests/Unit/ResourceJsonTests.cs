using System.Text;
using System.Text.Json;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Photos;
using ProfileFunctions.Core.Profile;

namespace ProfileFunctions.Tests.Unit;

public sealed class ResourceJsonTests
{
    private static readonly Guid Id = Guid.Parse("1736E66D-E66D-1736-6DE6-36176DE63617");

    [Fact]
    public void AProfileStartsWithItsCanonicalTypeAndLowerCaseId()
    {
        string json = Encoding.UTF8.GetString(ResourceJson.Compose(ProfileResource.Kind, Id, null, null, "{}"u8));
        Assert.Equal("""{"@odata.type":"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile","id":"1736e66d-e66d-1736-6de6-36176de63617"}""", json);
    }

    [Fact]
    public void ThePhotoDimensionsAndTheClientsMembersFollow()
    {
        string json = Encoding.UTF8.GetString(ResourceJson.Compose(PhotoResource.Kind, Id, 10, 20, """{"n":1.0000000000000000000001,"s":"é"}"""u8));

        Assert.Equal(
            """{"@odata.type":"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto","id":"1736e66d-e66d-1736-6de6-36176de63617","height":10,"width":20,"n":1.0000000000000000000001,"s":"é"}""",
            json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(6, document.RootElement.EnumerateObject().Count());
    }
}
