using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Standing.Cli.Input;

/// <summary>
/// Flags the command line itself refuses (a value of the wrong kind, a choice not offered, a missing option):
/// one line each on stderr naming the flag, and where to read the usage. Without this the parser's own text
/// names .NET types ("System.Nullable`1[System.Int32]") and prints the help on stdout, which carries only output.
/// </summary>
internal static partial class CommandLineErrors
{
    public static void Write(ParseResult parsed, TextWriter stderr)
    {
        foreach (var error in parsed.Errors) stderr.WriteLine(Describe(error));
        var command = string.Join(' ', CommandPath(parsed.CommandResult));
        stderr.WriteLine($"see: standing {command}{(command.Length > 0 ? " " : "")}--help");
    }

    /// <summary>The error on one line, led by the flag it concerns unless the message names it already.</summary>
    public static string Describe(ParseError error)
    {
        var message = Spaces().Replace(error.Message, " ").Trim();
        var option = OptionOf(error.SymbolResult);
        if (option is null) return message;
        var token = error.SymbolResult?.Tokens.Count > 0 ? error.SymbolResult.Tokens[^1].Value : null;
        // A value that does not convert: the parser names the .NET type; say what the flag takes instead.
        if (token is not null && message.Contains("System.", StringComparison.Ordinal))
            return $"{option.Name} \"{token}\": not {KindOf(option.ValueType)}";
        return message.Contains(option.Name, StringComparison.Ordinal) ? message : $"{option.Name}: {message}";
    }

    private static Option? OptionOf(SymbolResult? result) => result switch
    {
        OptionResult o => o.Option,
        ArgumentResult { Parent: OptionResult o } => o.Option,
        _ => null,
    };

    private static string KindOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(double) || t == typeof(decimal) || t == typeof(float) => "a number",
        var t when t == typeof(bool) => "true or false",
        _ => "a value this flag takes",
    };

    private static IEnumerable<string> CommandPath(CommandResult? result)
    {
        var names = new Stack<string>();
        for (var r = result; r is not null && r.Parent is not null; r = r.Parent as CommandResult) names.Push(r.Command.Name);
        return names;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
