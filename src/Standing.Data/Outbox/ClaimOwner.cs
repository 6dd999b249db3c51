using System.Diagnostics;
using System.Globalization;

namespace Standing.Data.Outbox;

/// <summary>
/// Who holds an outbox claim: this machine's name, the process id and a random part
/// (<c>HOST/PID/RANDOM</c>). A claim lasts minutes so that a slow deliverer keeps it; a deliverer killed
/// on this machine would hold its notice back for that long, so a claim whose owner names this machine
/// and a process no longer running is taken over at once. A claim from another machine waits for its end.
/// </summary>
public static class ClaimOwner
{
    public static string ForThisProcess() =>
        $"{Environment.MachineName}/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}/{Guid.NewGuid():N}";

    /// <summary>True when <paramref name="owner"/> was a process of this machine that has ended.</summary>
    public static bool IsGone(string owner)
    {
        var parts = owner.Split('/');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no process with that id
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
