using System.Diagnostics;
using Spectre.Console;
using Standing.Cli.Input;

namespace Standing.Cli.Output;

/// <summary>
/// Progress of a long step (folding facts, a replay's days), always on stderr so stdout stays data: a
/// progress bar when stderr is a terminal, otherwise a plain line at most every few seconds (a short step
/// prints nothing).
/// </summary>
internal static class JobProgress
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="work"/>, which reports (done, total) in <paramref name="unit"/> as it goes.</summary>
    public static T Run<T>(string what, string unit, Func<Action<long, long>, T> work)
    {
        if (!Console.IsErrorRedirected)
        {
            T result = default!;
            Consoles.Progress.Progress().AutoClear(true).Start(context =>
            {
                var task = context.AddTask(what, maxValue: 1);
                result = work((done, total) =>
                {
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = done;
                });
            });
            return result;
        }
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        return work((done, total) =>
        {
            if (clock.Elapsed - last < PlainEvery || done >= total) return;
            last = clock.Elapsed;
            Consoles.Error.WriteLine($"{what}: {done:N0} of {total:N0} {unit} ({clock.Elapsed.TotalSeconds:0} s)");
        });
    }
}
