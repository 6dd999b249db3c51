using System.Text;

namespace Standing.Data.Tests.Ndjson;

/// <summary>A scratch directory for one test, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "standing-ndjson-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="lines"/> joined by <paramref name="newline"/> (UTF-8, no BOM) and returns the file's path.</summary>
    public string Write(string name, IEnumerable<string> lines, string newline = "\n")
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, string.Join(newline, lines) + newline, new UTF8Encoding(false));
        return path;
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover scratch directory is harmless.
        }
    }
}
