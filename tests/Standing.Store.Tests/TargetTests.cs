using Standing.Data.Ndjson;

namespace Standing.Store.Tests;

/// <summary>--db targets that cannot be used, whatever the engine: a clear message and exit code 1.</summary>
public sealed class TargetTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("Host=127.0.0.1;Colour=blue", "not a valid PostgreSQL connection string")]
    [InlineData("postgres://user@:5432/db", "not a valid PostgreSQL URL")]
    [InlineData("postgres://user@127.0.0.1:5432/db?colour=blue", "unknown connection option \"colour\"")]
    [InlineData("postgres://standing:secret@127.0.0.1:1/db?timeout=3", "cannot connect to PostgreSQL")]
    public void A_connection_string_that_cannot_connect_is_a_clear_error(string target, string message)
    {
        var events = _temp.Write("e.ndjson", NdjsonEventWriter.ToLine(Events.Placed("a", "s")) + "\n");
        var run = StandingProcess.Run("ingest", events, "--db", target);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.DoesNotContain("secret", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr); // a message, not a stack trace
    }

    [Fact]
    public void Rebuild_of_a_missing_store_says_so_and_creates_nothing()
    {
        var path = _temp.File("missing.db");
        var run = StandingProcess.Run("rebuild", "--db", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no such event store", run.Stderr);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Rebuild_refuses_a_file_that_is_not_a_store_and_leaves_it_alone()
    {
        var path = _temp.Write("notes.db", "just some text\n");
        var run = StandingProcess.Run("rebuild", "--db", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a Standing event store", run.Stderr);
        Assert.Equal("just some text\n", File.ReadAllText(path));
    }
}
