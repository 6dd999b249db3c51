namespace Standing.Cli.Output;

/// <summary>A cell of a listing: plain text, and the colour a table shows it in (CSV never has colours).</summary>
internal readonly record struct Cell(string Text, string? Color = null)
{
    public static implicit operator Cell(string text) => new(text);
}
