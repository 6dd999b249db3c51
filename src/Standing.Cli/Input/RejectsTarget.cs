using Standing.Data.Store;

namespace Standing.Cli.Input;

/// <summary>
/// Checks a <c>--rejects</c> path before anything is read, stored or evaluated: it must not be one of
/// the inputs or the store (writing it would destroy them), and it must be a file that can be written.
/// </summary>
internal static class RejectsTarget
{
    public static bool TryCheck(string? rejectsPath, IEnumerable<string> inputs, string? db, TextWriter stderr)
    {
        if (rejectsPath is null) return true;
        if (string.IsNullOrWhiteSpace(rejectsPath))
        {
            stderr.WriteLine("--rejects is empty: name a file to write the rejected lines to");
            return false;
        }
        string full;
        try
        {
            full = Path.GetFullPath(rejectsPath);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            stderr.WriteLine($"--rejects {rejectsPath}: not a usable file name: {e.Message}");
            return false;
        }
        foreach (var input in InputFiles(inputs))
        {
            if (SamePath(full, input))
            {
                stderr.WriteLine($"--rejects {rejectsPath} is the input file {input}: writing the rejects there would overwrite it; name another file (nothing was read or changed)");
                return false;
            }
        }
        if (db is not null && !string.IsNullOrWhiteSpace(db) && !EventStore.IsPostgres(db))
        {
            var store = Path.GetFullPath(db);
            foreach (var suffix in (string[])["", "-wal", "-shm", "-journal"])
            {
                if (SamePath(full, store + suffix))
                {
                    stderr.WriteLine($"--rejects {rejectsPath} is the event store {db}: writing the rejects there would destroy it; name another file (nothing was read or changed)");
                    return false;
                }
            }
        }
        return OutputPaths.TryWritableFile(rejectsPath, "--rejects", stderr, "name a file to write the rejected lines to");
    }

    private static IEnumerable<string> InputFiles(IEnumerable<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (string.IsNullOrEmpty(input)) continue;
            string full;
            try
            {
                full = Path.GetFullPath(input);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                continue;
            }
            if (Directory.Exists(full))
            {
                IEnumerable<string> inside;
                try
                {
                    inside = Directory.GetFiles(full);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue;
                }
                foreach (var file in inside) yield return file;
            }
            else
            {
                yield return full;
            }
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Resolve(a), Resolve(b), OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>The path with a symbolic link at its end followed (so a link to the input counts as the input).</summary>
    private static string Resolve(string path)
    {
        try
        {
            var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }
}
