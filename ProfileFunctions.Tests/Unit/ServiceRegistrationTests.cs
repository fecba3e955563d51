using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Hosting;

namespace ProfileFunctions.Tests.Unit;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void TheDataProtectionKeyRingIsNotLoadedAtStartUp()
    {
        // Without the removal, AddAuthentication registers this hosted service: if ASP.NET Core renames it, the
        // first assertion fails and the removal needs the new name.
        var plain = new ServiceCollection();
        plain.AddAuthentication();
        Assert.Contains(plain, service => service.ImplementationType?.FullName == ProfileAuthentication.DataProtectionWarmUp);

        var services = new ServiceCollection();
        services.AddProfileApi(new ConfigurationBuilder().Build());
        Assert.DoesNotContain(services, service => service.ServiceType == typeof(IHostedService)
            && service.ImplementationType?.FullName == ProfileAuthentication.DataProtectionWarmUp);
    }
}
