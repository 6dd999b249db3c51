namespace Standing.Cli.Input;

/// <summary>
/// Checks an output path a flag names before anything runs, so a command never does its work and then
/// fails to write it. Checking leaves an existing file as it was and removes a file it had to create.
/// </summary>
internal static class OutputPaths
{
    /// <summary>A file that can be written: not empty, not a directory, openable for writing.</summary>
    public static bool TryWritableFile(string path, string flag, TextWriter stderr, string what = "name a file to write to")
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            stderr.WriteLine($"{flag} is empty: {what}");
            return false;
        }
        if (Directory.Exists(path))
        {
            stderr.WriteLine($"{flag} {path}: is a directory, not a file; {what} (nothing was read or changed)");
            return false;
        }
        var existed = File.Exists(path);
        try
        {
            // Opened for writing without truncating: an existing file keeps its content until the end.
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite)) { }
            if (!existed) File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"{flag} {path}: cannot write this file: {e.Message} (nothing was read or changed)");
            return false;
        }
    }

    /// <summary>A folder: not empty, not a file; created when <paramref name="create"/> (so it is known to be usable).</summary>
    public static bool TryFolder(string folder, string flag, TextWriter stderr, bool create = true)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            stderr.WriteLine($"{flag} is empty: name a folder (nothing was run or written)");
            return false;
        }
        if (File.Exists(folder))
        {
            stderr.WriteLine($"{flag} {folder}: is a file, not a folder; name a folder (nothing was run or written)");
            return false;
        }
        if (!create) return true;
        try
        {
            Directory.CreateDirectory(folder);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"{flag} {folder}: cannot create or use this folder: {e.Message} (nothing was written)");
            return false;
        }
    }
}
