extern alias FunctionsApp;

using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Hosting;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>
/// The Functions app's own host, built by its own Program and never run: there is no WebApplicationFactory for the
/// isolated worker (worker issue #281), so this does what WebApplicationFactory's HostFactoryResolver does. It runs
/// the entry point, takes the host from the Hosting diagnostic event "HostBuilt", and aborts before Run.
/// </summary>
internal static class FunctionsAppHost
{
    public static IHost Build(IReadOnlyDictionary<string, string> settings)
    {
        var entryPoint = typeof(FunctionsApp::ProfileFunctions.EdgeMiddleware).Assembly.EntryPoint
            ?? throw new InvalidOperationException("The Functions app has no entry point.");
        string[] args = [.. settings.Select(setting => $"--{setting.Key}={setting.Value}")];

        using var capture = new HostCapture();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(capture);
        HostCapture.Current.Value = capture;
        try
        {
            entryPoint.Invoke(null, [args]);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is HostAbortedException)
        {
        }

        return capture.Host ?? throw new InvalidOperationException("The Functions app's Program returned without building its host.");
    }

    private sealed class HostCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        // Tests build other hosts in parallel; only the one built on this call's own flow is taken.
        public static AsyncLocal<HostCapture?> Current { get; } = new();

        public IHost? Host { get; private set; }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.Extensions.Hosting")
            {
                _subscriptions.Add(listener.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> hostingEvent)
        {
            if (hostingEvent.Key == "HostBuilt" && Current.Value == this && Host is null && hostingEvent.Value is IHost host)
            {
                Host = host;
                throw new HostAbortedException();
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose() => _subscriptions.ForEach(subscription => subscription.Dispose());
    }
}
