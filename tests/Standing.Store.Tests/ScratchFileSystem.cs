using System.Diagnostics;

namespace Standing.Store.Tests;

/// <summary>
/// A small tmpfs mounted for one test (disk full, read-only disk): real file-system faults, not
/// simulated ones. Mounting needs root; elsewhere <see cref="TryMount"/> returns null with the reason,
/// and the test says it did not run.
/// </summary>
internal sealed class ScratchFileSystem : IDisposable
{
    private ScratchFileSystem(string path) => Path = path;

    public string Path { get; }

    public static ScratchFileSystem? TryMount(string size, out string? reason)
    {
        var path = Directory.CreateTempSubdirectory("standing-fs-").FullName;
        if (!OperatingSystem.IsLinux())
        {
            reason = "needs Linux tmpfs";
            return null;
        }
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            reason = $"cannot mount a tmpfs here (needs root): {error.Trim()}";
            return null;
        }
        reason = null;
        return new ScratchFileSystem(path);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Remounts the file system read-only: every write fails as on a read-only disk.</summary>
    public void MakeReadOnly()
    {
        var (code, error) = Run("mount", "-o", "remount,ro", Path);
        Assert.True(code == 0, error);
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Code, string Error) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
