


using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Tests.Unit;

public sealed class RandomGuidTests
{
    [Fact]
    public void GuidsAreVersion4WithTheRfcVariantAndDistinct()
    {
        var guids = Enumerable.Range(0, 10_000).Select(_ => RandomGuid.Create()).ToArray();

        Assert.Equal(guids.Length, guids.Distinct().Count());
        Assert.All(guids, guid =>
        {
            string text = guid.ToString("D");
            Assert.Equal('4', text[14]);
            Assert.Contains(text[19], "89ab");
            Assert.Equal(4, guid.Version);
        });
    }
}
