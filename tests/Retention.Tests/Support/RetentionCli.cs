using System.Diagnostics;
using System.Text;

namespace Retention.Tests.Support;

/// <summary>Runs the built <c>retention</c> command line as its own process, as a user would.</summary>
public static class RetentionCli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(params string[] arguments)
    {
        await using var running = Start(arguments);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await running.WaitForExitAsync(timeout.Token);
    }

    /// <summary>The built CLI: the test assembly sits in bin/{Configuration}/net10.0, and so does the CLI it was built with.</summary>
    public static string DllPath => Path.Combine(RepositoryRoot.Path, "functions", "Retention.Cli", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "retention.dll");

    /// <summary>
    /// Starts the command and returns at once, for tests that kill it hard part-way (a crash, not a graceful stop)
    /// or run a long-lived one such as <c>serve</c>.
    /// </summary>
    public static RunningRetention Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("RETENTION_STORAGE");
        start.Environment.Remove("RETENTION_SETTINGS");
        return new RunningRetention(Process.Start(start)!);
    }
}

/// <summary>A <c>retention</c> process the test started: its output so far, a hard kill, and its end.</summary>
public sealed class RunningRetention : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RunningRetention(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_output, e.Data, _outputClosed);
        process.ErrorDataReceived += (_, e) => Append(_error, e.Data, _errorClosed);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>What it has written to standard output so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public string Error { get { lock (_error) return _error.ToString(); } }

    /// <summary>Waits until a line of standard output contains <paramref name="text"/>, or the process ends first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"retention exited with {_process.ExitCode} before printing '{text}': {Error}{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"retention did not print '{text}' within {timeout}: {Error}{Output}");
            await Task.Delay(25);
        }
    }

    /// <summary>SIGKILL, as a crash or an out-of-memory kill would end it: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task<RetentionCli.Result> WaitForExitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"retention did not finish in time: {Error}{Output}");
        }
        await Task.WhenAll(_outputClosed.Task, _errorClosed.Task);
        return new RetentionCli.Result(_process.ExitCode, Output, Error);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }
        lock (text) text.AppendLine(line);
    }
}
