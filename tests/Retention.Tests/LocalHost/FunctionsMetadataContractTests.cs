using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Retention.Cli.LocalHost;
using Retention.Pipeline;
using Retention.Pipeline.Hosting;
using Retention.Pipeline.Http;
using Retention.Tests.Support;

namespace Retention.Tests.LocalHost;

/// <summary>
/// The two hosts serve one table of functions (<see cref="FunctionBindings"/>): the Functions app's <c>functions.metadata</c>,
/// which the Worker SDK generates from the app's attributes when <c>./test.sh</c> builds it, has exactly these triggers,
/// routes, methods, authorization levels, queues, connections and schedules; and the local host maps exactly these routes
/// and listens on exactly these queues. A change in one host alone fails here.
/// </summary>
public class FunctionsMetadataContractTests
{
    private static readonly string App = Path.Combine(RepositoryRoot.Path, "functions", "RetentionFunctions");

    private static string Describe(FunctionBinding b) =>
        $"{b.Name}: {b.Trigger.ToString().ToLowerInvariant()} route={b.Route} method={b.Method} auth={b.AuthLevel} queue={b.Queue} " +
        $"connection={b.Connection} schedule={b.Schedule}";

    /// <summary>The functions as the Worker SDK generated them for the Functions host, in the table's words.</summary>
    private static List<string> Generated()
    {
        // Built here, not only by ./test.sh: an incremental build is seconds, and the metadata then surely follows the code.
        using (var build = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet",
                   ["build", Path.Combine(App, "RetentionFunctions.csproj"), "-c", "Release", "--nologo", "-v", "quiet", "-clp:ErrorsOnly"])
               { RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            var output = build.StandardOutput.ReadToEnd() + build.StandardError.ReadToEnd();
            build.WaitForExit();
            Assert.True(build.ExitCode == 0, "the Functions app does not build: " + output);
        }
        var metadata = Path.Combine(App, "bin", "Release", "net10.0", "functions.metadata");
        Assert.True(File.Exists(metadata), $"{metadata} is missing after the build");

        var functions = new List<string>();
        foreach (var function in JsonDocument.Parse(File.ReadAllText(metadata)).RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            string? Text(string name) => trigger.TryGetProperty(name, out var v) ? v.GetString() : null;
            var kind = trigger.GetProperty("type").GetString() switch
            {
                "httpTrigger" => FunctionTrigger.Http,
                "queueTrigger" => FunctionTrigger.Queue,
                "timerTrigger" => FunctionTrigger.Timer,
                var other => throw new Xunit.Sdk.XunitException($"{function.GetProperty("name")}: a {other} the local host cannot serve"),
            };
            var methods = trigger.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
            Assert.True(methods.Count <= 1, $"{function.GetProperty("name")}: one method per function");
            functions.Add(Describe(new FunctionBinding(function.GetProperty("name").GetString()!, kind, Text("route"), methods.SingleOrDefault(),
                Text("authLevel"), Text("queueName"), Text("connection"), Text("schedule"))));
        }
        return [.. functions.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void The_functions_apps_generated_metadata_is_the_table_of_functions() =>
        Assert.Equal(FunctionBindings.All.Select(Describe).Order(StringComparer.Ordinal), Generated());

    /// <summary>
    /// The bench's night child is the CLI: its GC setting must be the Functions app's, or its peak is not production's.
    /// Both are read from the runtimeconfig the builds wrote (the app's by <see cref="Generated"/>'s build).
    /// </summary>
    [Fact]
    public void The_functions_app_and_the_cli_run_with_the_same_memory_setting()
    {
        Generated();
        static JsonElement Setting(string runtimeConfig) =>
            JsonDocument.Parse(File.ReadAllText(runtimeConfig)).RootElement.GetProperty("runtimeOptions").GetProperty("configProperties")
                .GetProperty("System.GC.ConserveMemory");
        var app = Setting(Path.Combine(App, "bin", "Release", "net10.0", "RetentionFunctions.runtimeconfig.json"));
        var cli = Setting(Path.Combine(AppContext.BaseDirectory, "retention.runtimeconfig.json"));
        Assert.Equal(7, app.GetInt32());
        Assert.Equal(app.GetInt32(), cli.GetInt32());
    }

    [Fact]
    public async Task The_local_host_maps_the_tables_routes_and_listens_on_its_queues_and_nothing_else()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingNames.RetentionStorage] = "UseDevelopmentStorage=true",
        }).Build();
        await using var host = LocalFunctionsHost.Create(configuration, new LocalHostOptions(0, RepositoryRoot.HostJson, EnableTimer: false));

        var served = host.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/" + HttpRoutes.Prefix + "/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal);
        var declared = FunctionBindings.All.Where(b => b.Trigger == FunctionTrigger.Http)
            .Select(b => $"{b.Method!.ToUpperInvariant()} {HttpRoutes.Local(b.Route!)}").Order(StringComparer.Ordinal);
        Assert.Equal(declared, served);

        var queues = host.Services.GetServices<IHostedService>().OfType<QueueTriggerListener>().Select(l => l.QueueName).Order(StringComparer.Ordinal);
        Assert.Equal(FunctionBindings.All.Where(b => b.Trigger == FunctionTrigger.Queue).Select(b => b.Queue!).Order(StringComparer.Ordinal), queues);
        Assert.All(FunctionBindings.All.Where(b => b.Connection is not null), b => Assert.Equal(SettingNames.RetentionStorage, b.Connection));
    }
}
