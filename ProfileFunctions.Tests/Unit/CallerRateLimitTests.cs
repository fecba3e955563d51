using ProfileFunctions.Core.Access;

namespace ProfileFunctions.Tests.Unit;

public sealed class CallerRateLimitTests
{
    private static Caller User(string objectId) => new(objectId, ["Profile.ReadWrite"], [], isDelegated: true, applicationId: "some-app");

    private static Caller Application(string appId) => new(Guid.NewGuid().ToString(), [], ["Profile.ReadWrite.All"], isDelegated: false, applicationId: appId);

    [Fact]
    public void ACallerIsAdmittedItsPermitsThenToldToWaitForTheNextOne()
    {
        // 3 a minute: a permit every 20 seconds, so the wait is 20 s, well clear of the refill during the test.
        using var limit = new CallerRateLimit(3);
        var caller = User(Guid.NewGuid().ToString());

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(limit.TryAdmit(caller)));
        Assert.InRange(limit.TryAdmit(caller) ?? 0, 19, 20);
    }

    [Fact]
    public void TheWaitIsWholeSecondsFrom1To60()
    {
        using var slow = new CallerRateLimit(1);
        using var fast = new CallerRateLimit(600);
        var caller = User(Guid.NewGuid().ToString());

        Assert.Null(slow.TryAdmit(caller));
        Assert.Equal(60, slow.TryAdmit(caller));

        // A tenth of a second to the next permit is still a whole second to say.
        int? wait = null;
        for (int i = 0; i < 1000 && wait is null; i++)
        {
            wait = fast.TryAdmit(caller);
        }

        Assert.Equal(1, wait);
    }

    [Fact]
    public void AUserIsCountedByOidAndAnApplicationByItsAppId()
    {
        string oid = Guid.NewGuid().ToString();

        // The same user in another case and through another application is one bucket; an application's own token is another.
        Assert.Equal(CallerRateLimit.PartitionOf(User(oid)), CallerRateLimit.PartitionOf(new Caller(oid.ToUpperInvariant(), ["Profile.ReadWrite"], [], true, "other-app")));
        Assert.Equal(CallerRateLimit.PartitionOf(Application("app-1")), CallerRateLimit.PartitionOf(Application("app-1")));
        Assert.NotEqual(CallerRateLimit.PartitionOf(Application("app-1")), CallerRateLimit.PartitionOf(Application("app-2")));
        Assert.NotEqual(CallerRateLimit.PartitionOf(User("app-1")), CallerRateLimit.PartitionOf(Application("app-1")));
    }
}
