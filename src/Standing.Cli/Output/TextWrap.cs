using Spectre.Console;

namespace Standing.Cli.Output;

/// <summary>
/// Text for people folded at spaces only, so an identifier, a number and its unit, or a command is never
/// split; continuation lines are indented under where their text began.
/// </summary>
internal static class TextWrap
{
    /// <summary>
    /// <paramref name="text"/> in lines: the first at most <paramref name="firstWidth"/> long, the others at
    /// most <paramref name="restWidth"/>; a word longer than its line stands alone on it, whole.
    /// </summary>
    public static IReadOnlyList<string> Lines(string text, int firstWidth, int restWidth)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var width = lines.Count == 0 ? firstWidth : restWidth;
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else line = line.Length == 0 ? word : line + " " + word;
        }
        lines.Add(line);
        return lines;
    }

    /// <summary>
    /// Writes <paramref name="prefix"/> then <paramref name="text"/> in <paramref name="color"/> (or plain),
    /// folded to the console's width with continuation lines indented by <paramref name="hanging"/>.
    /// </summary>
    public static void Write(IAnsiConsole console, string prefix, string text, int hanging, string? color = null)
    {
        var width = Math.Max(console.Profile.Width, 40);
        var lines = Lines(text, Math.Max(width - prefix.Length, 10), Math.Max(width - hanging, 10));
        for (var i = 0; i < lines.Count; i++)
        {
            var body = color is null || lines[i].Length == 0 ? Markup.Escape(lines[i]) : $"[{color}]{Markup.Escape(lines[i])}[/]";
            console.MarkupLine((i == 0 ? Markup.Escape(prefix) : new string(' ', hanging)) + body);
        }
    }

    /// <summary>A line written as it is, never folded: a command to copy must stay on one line.</summary>
    public static void Unwrapped(IAnsiConsole console, string text)
    {
        console.Profile.Out.Writer.WriteLine(text);
        console.Profile.Out.Writer.Flush();
    }

    /// <summary>
    /// As many of <paramref name="items"/> as fit in <paramref name="width"/> on at most <paramref name="lines"/>
    /// lines (joined by ", "), then "+N more" for the rest; never an item cut in two.
    /// </summary>
    public static string Pack(IReadOnlyList<string> items, int width, int lines)
    {
        for (var shown = items.Count; shown >= 0; shown--)
        {
            var parts = items.Take(shown).Select((x, i) => i < shown - 1 || shown < items.Count ? x + "," : x).ToList();
            if (shown < items.Count) parts.Add($"+{items.Count - shown} more");
            var folded = Lines(string.Join(" ", parts), width, width);
            if (folded.Count <= lines && folded.All(l => l.Length <= width)) return string.Join("\n", folded);
        }
        return $"{items.Count}";
    }
}
