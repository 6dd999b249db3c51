using System.Diagnostics;
using NodaTime;
using Standing.Core.Events;

namespace Standing.Store.Tests;

/// <summary>Runs the real <c>standing</c> command in a child process.</summary>
internal static class StandingProcess
{
    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "standing.dll");

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }

    public static Result Run(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("standing " + string.Join(' ', args) + " did not finish");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A temporary folder removed after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("standing-store-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Events for the tests.</summary>
internal static class Events
{
    public static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static StandingEvent Placed(string id, string seller, int minute = 0, string? order = null) => new()
    {
        Id = id,
        Type = EventType.OrderPlaced,
        At = T0.Plus(Duration.FromMinutes(minute)),
        Seller = seller,
        Order = order ?? "o-" + id,
        Buyer = "b-1",
        ShipBy = T0.Plus(Duration.FromDays(2)),
    };

    public static StandingEvent Review(string id, string seller, string order, int stars, int minute = 60) => new()
    {
        Id = id,
        Type = EventType.ReviewPosted,
        At = T0.Plus(Duration.FromMinutes(minute)),
        Seller = seller,
        Review = "r-" + id,
        Order = order,
        Stars = stars,
    };

    /// <summary>A mixed set: orders of several sellers, reviews, a cancellation.</summary>
    public static List<StandingEvent> Mixed(int orders)
    {
        var list = new List<StandingEvent>();
        for (var i = 0; i < orders; i++)
        {
            var seller = $"shop-{i % 7}";
            list.Add(Placed($"p{i}", seller, i));
            if (i % 3 == 0) list.Add(Review($"r{i}", seller, "o-p" + i, 1 + (i % 5), i + 100));
            if (i % 11 == 0)
                list.Add(new StandingEvent { Id = $"c{i}", Type = EventType.OrderStatus, At = T0.Plus(Duration.FromMinutes(i + 5)), Seller = seller, Order = "o-p" + i, Status = OrderStatus.Cancelled, By = "buyer" });
        }
        return list;
    }
}
