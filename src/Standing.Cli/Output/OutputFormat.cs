using Spectre.Console;
using Standing.Cli.Input;

namespace Standing.Cli.Output;

/// <summary>The three forms of a command's output (--format) and where each goes: all of them to stdout.</summary>
internal static class OutputFormat
{
    public const string Table = "table";
    public const string Json = "json";
    public const string Csv = "csv";

    /// <summary>A JSON document written by Standing.Data.Documents, ended by a newline.</summary>
    public static void WriteJson(Action<Stream> write)
    {
        using var stdout = Console.OpenStandardOutput();
        write(stdout);
        stdout.Write("\n"u8);
    }

    /// <summary>The listing as a table (then the footer, e.g. "3 cases") or as CSV (no footer: every line is a row).</summary>
    public static void WriteListing(string format, Listing listing, string? footer = null)
    {
        if (format == Csv)
        {
            listing.WriteCsv(Console.Out);
            return;
        }
        Consoles.Out.Write(listing.Table());
        if (footer is not null) Consoles.Out.WriteLine(footer);
    }
}
