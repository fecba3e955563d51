using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.Telemetry;

namespace ProfileFunctions.Tests.Unit;

public sealed class OperationNameTests
{
    [Fact]
    public void ARecordedSpanIsNamedForTheOperation()
    {
        using var source = new ActivitySource($"ProfileFunctions.Tests.{Guid.NewGuid():N}");
        using var tracer = new ActivityListener
        {
            ShouldListenTo = listened => listened == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(tracer);
        using var span = source.StartActivity("function.CreatePhoto")!;

        ProfileTelemetry.NameOperation("CreatePhoto");

        Assert.Equal("CreatePhoto", span.DisplayName);
        Assert.Equal("CreatePhoto", span.GetTagItem(ProfileTelemetry.OperationTag));
    }

    [Fact]
    public void ASpanThatNoTracerListensToIsLeftAlone()
    {
        // What ASP.NET Core starts for each request when nothing listens: naming it would cost every request something.
        using var unheard = new Activity("Microsoft.AspNetCore.Hosting.HttpRequestIn").Start();

        ProfileTelemetry.NameOperation("CreatePhoto");
        RequestCorrelation.Begin(new DefaultHttpContext());

        Assert.Equal("Microsoft.AspNetCore.Hosting.HttpRequestIn", unheard.DisplayName);
        Assert.Empty(unheard.TagObjects);
    }
}
