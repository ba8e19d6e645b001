using System.Globalization;
using Retention.Pipeline.Import;
using Spectre.Console;

namespace Retention.Cli.Import;

/// <summary>
/// Shows an import's progress while it runs: an animated bar on a terminal, and a plain line every few
/// seconds when it goes to a file or a CI log, where a bar's redraws would be pages of noise. Progress is written to
/// standard error, beside the logs: standard output keeps only the command's result (the import's summary), for a
/// file or a pipe.
/// </summary>
public static class ImportProgressDisplay
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    public static bool IsPlain =>
        Console.IsErrorRedirected
        || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || !Terminal().Profile.Capabilities.Interactive;

    /// <summary>Standard error as a Spectre console, for the bars.</summary>
    public static IAnsiConsole Terminal() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static Task<T> RunAsync<T>(ImportProgress progress, Func<Task<T>> work) =>
        IsPlain ? RunPlainAsync(progress, work) : RunBarAsync(progress, work);

    private static async Task<T> RunPlainAsync<T>(ImportProgress progress, Func<Task<T>> work)
    {
        var started = DateTime.UtcNow;
        var task = work();
        while (await Task.WhenAny(task, Task.Delay(PlainEvery)) != task)
            Console.Error.WriteLine($"import: {Describe(progress, DateTime.UtcNow - started)}");
        return await task;
    }

    private static Task<T> RunBarAsync<T>(ImportProgress progress, Func<Task<T>> work) =>
        Terminal().Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var started = DateTime.UtcNow;
                var bar = context.AddTask("scanning the file", maxValue: 1);
                var task = work();
                while (await Task.WhenAny(task, Task.Delay(100)) != task)
                {
                    bar.MaxValue = Math.Max(1, progress.Rows);
                    bar.Value = progress.Done;
                    bar.Description = Markup.Escape(Describe(progress, DateTime.UtcNow - started));
                }
                if (task.IsCompletedSuccessfully)
                {
                    bar.MaxValue = Math.Max(1, progress.Rows);
                    bar.Value = bar.MaxValue;
                    bar.Description = Markup.Escape(Describe(progress, DateTime.UtcNow - started));
                }
                bar.StopTask();
                return await task;
            });

    private static string Describe(ImportProgress progress, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        return progress.Stage switch
        {
            ImportStage.Scanning => "scanning the file",
            ImportStage.Archiving => $"archiving the file ({progress.Rows.ToString("N0", c)} rows)",
            _ => $"{progress.Done.ToString("N0", c)} of {progress.Rows.ToString("N0", c)} rows, " +
                 $"{(progress.Done / Math.Max(elapsed.TotalSeconds, 0.001)).ToString("N0", c)} rows/s, {progress.Skipped.ToString("N0", c)} skipped",
        };
    }
}
