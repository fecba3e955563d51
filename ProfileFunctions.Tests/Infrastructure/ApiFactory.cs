using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>
/// The local host, in memory, with the given settings in place of environment variables: the same composition root
/// a developer runs.
/// </summary>
internal sealed class ApiFactory(
    IReadOnlyDictionary<string, string> settings,
    string environment = "Production",
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // PROFILEFUNCTIONS_TEST_LOGS=1 shows the host's logs when a test needs explaining.
        if (Environment.GetEnvironmentVariable("PROFILEFUNCTIONS_TEST_LOGS") != "1")
        {
            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
    }
}
