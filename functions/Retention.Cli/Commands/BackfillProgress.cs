using Retention.Cli.Import;
using Spectre.Console;

namespace Retention.Cli.Commands;

/// <summary>A back-fill's progress on standard error: a bar on a terminal, a plain line every few seconds in a log (as the import shows it).</summary>
public static class BackfillProgress
{
    public static async Task<int> RunAsync(int totalDays, Func<IProgress<int>, Task<int>> work)
    {
        var done = 0;
        var progress = new Progress<int>(d => Volatile.Write(ref done, d));
        if (ImportProgressDisplay.IsPlain)
        {
            var task = work(progress);
            while (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(5))) != task)
                Console.Error.WriteLine($"snapshot: {Volatile.Read(ref done)} of {totalDays} days");
            return await task;
        }
        return await ImportProgressDisplay.Terminal().Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("snapshot days", maxValue: totalDays);
                var task = work(progress);
                while (await Task.WhenAny(task, Task.Delay(100)) != task) bar.Value = Volatile.Read(ref done);
                bar.Value = Volatile.Read(ref done);
                return await task;
            });
    }
}
