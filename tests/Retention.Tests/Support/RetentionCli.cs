using System.Diagnostics;

namespace Retention.Tests.Support;

/// <summary>Runs the built <c>retention</c> command line as its own process, as a user would.</summary>
public static class RetentionCli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(params string[] arguments)
    {
        // The test assembly sits in bin/{Configuration}/net10.0, and so does the CLI it was built with.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var cli = Path.Combine(RepositoryRoot.Path, "functions", "Retention.Cli", "bin", configuration, "net10.0", "retention.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("RETENTION_STORAGE");
        start.Environment.Remove("RETENTION_SETTINGS");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
