using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Standing.Cli.Input;

namespace Standing.Cli.Output;

/// <summary>
/// Progress of a long step (ingesting, folding facts, a run's days, the demo's stages), always on stderr so
/// stdout stays data: a progress bar when stderr is a terminal, otherwise a plain line at most every few
/// seconds (<c>STANDING_PROGRESS_SECONDS</c>, default 5; a shorter step prints nothing), and a last line
/// when a step that long ends, so a log shows where a job was and that it finished.
/// </summary>
internal static class JobProgress
{
    /// <summary>The environment variable that sets the seconds between plain lines (0: every report).</summary>
    public const string EveryVariable = "STANDING_PROGRESS_SECONDS";

    private static readonly TimeSpan DefaultEvery = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="work"/>, which reports (done, total) in <paramref name="unit"/> as it goes.</summary>
    public static T Run<T>(string what, string unit, Func<Action<long, long>, T> work)
    {
        if (!Console.IsErrorRedirected)
        {
            T result = default!;
            Consoles.Progress.Progress().AutoClear(true).Start(context =>
            {
                var task = context.AddTask(Markup.Escape(what), maxValue: 1);
                result = work((done, total) =>
                {
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = done;
                });
            });
            return result;
        }
        var every = Every();
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var printed = false;
        (long Done, long Total) latest = (0, 0);
        var value = work((done, total) =>
        {
            latest = (done, total);
            if (clock.Elapsed - last < every || done >= total) return;
            last = clock.Elapsed;
            printed = true;
            Consoles.Error.WriteLine($"{what}: {done:N0} of {total:N0} {unit} ({clock.Elapsed.TotalSeconds:0} s)");
        });
        if (printed || clock.Elapsed >= every) Consoles.Error.WriteLine($"{what}: done, {latest.Total:N0} {unit} ({clock.Elapsed.TotalSeconds:0} s)");
        return value;
    }

    /// <summary>Runs <paramref name="work"/> with progress, for work without a result.</summary>
    public static void Run(string what, string unit, Action<Action<long, long>> work) =>
        Run(what, unit, progress =>
        {
            work(progress);
            return 0;
        });

    private static TimeSpan Every() =>
        double.TryParse(Environment.GetEnvironmentVariable(EveryVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : DefaultEvery;
}
