using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Standing.Cli;

/// <summary>
/// The runtime settings of a job over every seller: <c>run</c> and <c>evaluate</c> of a whole store start again
/// in a process with the runtime's tiered compilation off (<c>DOTNET_TieredCompilation=0</c>), where each method
/// is compiled once, optimized, instead of first quickly, then instrumented, then again. On a job of seconds over
/// millions of facts that takes about a third of <c>evaluate</c>'s CPU (docs/performance.md, "Stored facts decoded
/// for what a policy reads"); a command about one seller (<c>explain</c>) pays more for it, and a long-running
/// <c>serve</c> gains from the instrumented code, so it is not a setting of the executable.
/// </summary>
/// <remarks>
/// Not restarted: when the variable (or any of the runtime's tiering variables) is already set, so a user's own
/// choice stands and the child does not start again; when the program runs inside another (its entry assembly is
/// not this one: the tests); on Windows. The child inherits the console and its exit code is the command's.
/// </remarks>
internal static class BatchRuntime
{
    public const string Variable = "DOTNET_TieredCompilation";

    /// <summary>Whether the command line is a job over every seller that runs better with tiered compilation off.</summary>
    public static bool Applies(string[] args, Func<string, string?> environment, Assembly? entry)
    {
        if (OperatingSystem.IsWindows() || entry != typeof(BatchRuntime).Assembly) return false;
        if (environment(Variable) is not null || environment("DOTNET_TieredPGO") is not null || environment("DOTNET_TC_QuickJit") is not null) return false;
        if (args.Length == 0) return false;
        return args[0] switch
        {
            "run" => true,
            // One seller's evaluation is a short job (and --seller of a policy that compares sellers still reads all).
            "evaluate" => !args.Any(a => a is "--seller" || a.StartsWith("--seller=", StringComparison.Ordinal)) && !args.Any(a => a is "-h" or "--help" or "-?"),
            _ => false,
        };
    }

    /// <summary>Runs the same command line in a new process with tiered compilation off; its exit code.</summary>
    public static int Restart(string[] args)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("the program's own path is not known");
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        // Started as `dotnet standing.dll`: the child needs the assembly too.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(BatchRuntime).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment[Variable] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {self}");
        // Ctrl-C reaches the child from the terminal itself (this process waits for it to stop); a SIGTERM sent to
        // this process stops the child as a kill would (each of its writes is one transaction: none is left half done).
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            child.Kill();
        });
        child.WaitForExit();
        return child.ExitCode;
    }
}
