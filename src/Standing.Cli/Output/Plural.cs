using System.Globalization;

namespace Standing.Cli.Output;

/// <summary>A count with its noun in the right number: "1 case", "2 cases", "1 sink failing".</summary>
internal static class Plural
{
    public static string Of(long count, string one, string? many = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many ?? one + "s");
}
