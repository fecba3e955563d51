


using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Tests.Unit;

public sealed class NameBasedGuidTests
{
    // RFC 4122 appendix C / RFC 9562 appendix A: the DNS namespace.
    private static readonly Guid Dns = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    [Fact]
    public void ItGivesTheRfc9562ExampleOfAVersion5Uuid() =>
        // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), NameBasedGuid.Create(Dns, "www.example.com"));

    [Fact]
    public void ItIsVersion5WithTheRfcVariant()
    {
        var id = NameBasedGuid.Create(Guid.NewGuid(), "name");

        Assert.Equal(5, id.Version);
        Assert.Contains(id.ToString()[19], "89ab");
    }

    [Fact]
    public void TheSameNameInAnotherNamespaceIsAnotherId() =>
        Assert.NotEqual(NameBasedGuid.Create(Dns, "name"), NameBasedGuid.Create(Guid.NewGuid(), "name"));
}
