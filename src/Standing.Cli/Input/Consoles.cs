using Spectre.Console;

namespace Standing.Cli.Input;

/// <summary>The standard output and error consoles; messages and progress go to stderr so stdout stays data.</summary>
internal static class Consoles
{
    /// <summary>Standard output; plain text, wide, when it goes to a file or a pipe.</summary>
    public static IAnsiConsole Out { get; set; } = Console.IsOutputRedirected ? Plain(Console.Out) : AnsiConsole.Console;

    /// <summary>A console without colours or cursor tricks, wide enough that tables rarely wrap.</summary>
    public static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }

    public static TextWriter Error { get; set; } = Console.Error;

    /// <summary>A console on stderr for progress bars, so piping stdout never mixes them in.</summary>
    public static IAnsiConsole Progress { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });
}
