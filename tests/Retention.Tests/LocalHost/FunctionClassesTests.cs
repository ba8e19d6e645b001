using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Retention.Pipeline;
using Retention.Tests.Support;

namespace Retention.Tests.LocalHost;

/// <summary>
/// Every function class of the built Functions app can be made by the app's service provider: each constructor
/// parameter is a service <see cref="PipelineServices.AddRetentionPipeline"/> registers (what the worker would fail on at
/// its first invocation in Azure otherwise).
/// </summary>
public class FunctionClassesTests
{
    [Fact]
    public void Each_function_class_of_the_app_is_resolved_by_the_pipelines_services()
    {
        var dll = Path.Combine(RepositoryRoot.Path, "functions", "RetentionFunctions", "bin", "Release", "net10.0", "RetentionFunctions.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: ./test.sh builds the Functions app before the tests");
        // Its own load context, which finds every other assembly (Retention.Pipeline included) in this test's: so its
        // constructor parameters are the very types the provider below registers.
        var context = new FunctionsAppContext(Path.GetDirectoryName(dll)!);
        try
        {
            var functions = context.LoadFromAssemblyPath(dll).GetTypes()
                .Where(t => t.Namespace == "RetentionFunctions.Functions" && t.IsClass && t.IsPublic).ToList();
            Assert.True(functions.Count >= 11, $"found {functions.Count} function classes");

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [SettingNames.RetentionStorage] = "UseDevelopmentStorage=true",
            }).Build();
            using var provider = new ServiceCollection().AddLogging().AddRetentionPipeline(configuration).BuildServiceProvider();
            var missing = functions.SelectMany(f => f.GetConstructors().Single().GetParameters()
                    .Where(p => provider.GetService(p.ParameterType) is null).Select(p => $"{f.Name}({p.ParameterType.Name})"))
                .ToList();
            Assert.True(missing.Count == 0, "not registered: " + string.Join(", ", missing));
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads what this test has from this test (the same types), and the Functions worker's assemblies from the app's folder.</summary>
    private sealed class FunctionsAppContext(string folder) : AssemblyLoadContext("functions-app", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name) =>
            File.Exists(Path.Combine(AppContext.BaseDirectory, name.Name + ".dll")) || !File.Exists(Path.Combine(folder, name.Name + ".dll"))
                ? null
                : LoadFromAssemblyPath(Path.Combine(folder, name.Name + ".dll"));
    }
}
