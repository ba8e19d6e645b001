using System.Diagnostics;
using Retention.Tests.Support;

namespace Retention.Tests.Cli;

/// <summary>
/// Runs <c>run.sh</c> itself under bash, as a user would, with its standard output and standard error redirected by the
/// shell into files: what a file gets from <c>./run.sh … &gt; out</c> is exactly what is asserted.
/// </summary>
public sealed class RunScript : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("retention-run-sh-");

    public sealed record Result(int ExitCode, string Output, string Error);

    public string Folder => _directory.FullName;

    public async Task<Result> RunAsync(params string[] arguments)
    {
        var output = Path.Combine(Folder, "stdout");
        var error = Path.Combine(Folder, "stderr");
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Folder };
        start.ArgumentList.Add("-c");
        // $0 is run.sh, "$@" the command line; the redirections are the shell's, as in a terminal.
        start.ArgumentList.Add("bash \"$0\" \"$@\" >\"$RUN_SH_STDOUT\" 2>\"$RUN_SH_STDERR\"");
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "run.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["RUN_SH_STDOUT"] = output;
        start.Environment["RUN_SH_STDERR"] = error;
        // The script's own defaults, not the test process's: no storage given, the settings file its own.
        start.Environment.Remove("RETENTION_STORAGE");
        start.Environment["RETENTION_SETTINGS"] = Path.Combine(Folder, "local.settings.json");

        using var process = Process.Start(start)!;
        // A first run builds the command line in Release, minutes on a busy machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"run.sh {string.Join(' ', arguments)} did not finish in 5 minutes: {File.ReadAllText(error)}");
        }
        return new Result(process.ExitCode, File.ReadAllText(output), File.ReadAllText(error));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
