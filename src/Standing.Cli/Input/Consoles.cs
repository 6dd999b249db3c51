using Spectre.Console;

namespace Standing.Cli.Input;

/// <summary>The standard output and error consoles; messages and progress go to stderr so stdout stays data.</summary>
internal static class Consoles
{
    public static IAnsiConsole Out { get; set; } = AnsiConsole.Console;

    public static TextWriter Error { get; set; } = Console.Error;

    /// <summary>A console on stderr for progress bars, so piping stdout never mixes them in.</summary>
    public static IAnsiConsole Progress { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });
}
