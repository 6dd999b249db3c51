using Spectre.Console;

namespace Standing.Cli.Input;

/// <summary>The standard output and error consoles; messages and progress go to stderr so stdout stays data.</summary>
internal static class Consoles
{
    /// <summary>Width of piped output when no terminal says otherwise: what a reader's window shows without wrapping.</summary>
    public const int DefaultWidth = 120;

    /// <summary>Standard output; plain text, as wide as the terminal (or 120 columns), when it goes to a file or a pipe.</summary>
    public static IAnsiConsole Out { get; set; } = Console.IsOutputRedirected ? Plain(Console.Out) : AnsiConsole.Console;

    /// <summary>A console without colours or cursor tricks, as wide as <see cref="Width"/>.</summary>
    public static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Width();
        return console;
    }

    /// <summary>The terminal's width ($COLUMNS, else the window behind stderr), else 120: never wider than what a person reads.</summary>
    public static int Width()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns >= 40) return columns;
        try
        {
            if (!Console.IsErrorRedirected && Console.WindowWidth >= 40) return Console.WindowWidth;
        }
        catch (IOException)
        {
            // no terminal at all
        }
        return DefaultWidth;
    }

    public static TextWriter Error { get; set; } = Console.Error;

    /// <summary>A console on stderr for progress bars, so piping stdout never mixes them in.</summary>
    public static IAnsiConsole Progress { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });
}
