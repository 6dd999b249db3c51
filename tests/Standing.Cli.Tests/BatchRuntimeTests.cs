namespace Standing.Cli.Tests;

/// <summary>
/// Which command lines start again with tiered compilation off (<see cref="BatchRuntime"/>): the jobs over every
/// seller, and only when nothing has chosen the runtime's tiering already. The process tests of <c>run</c> and
/// <c>evaluate</c> (run as <c>dotnet standing.dll</c>) go through the restart: their outputs and exit codes are the child's.
/// </summary>
public sealed class BatchRuntimeTests
{
    private static readonly System.Reflection.Assembly Standing = typeof(BatchRuntime).Assembly;

    private static string? NoVariables(string name) => null;

    [Theory]
    [InlineData(true, "run", "--db", "s.db", "--as-of", "2026-06-01")]
    [InlineData(true, "evaluate", "--db", "s.db", "--policy", "congocrea", "--as-of", "2026-06-01", "--format", "json")]
    [InlineData(true, "evaluate", "--events", "e.ndjson", "--policy", "congocrea")]
    [InlineData(false, "evaluate", "--db", "s.db", "--policy", "congocrea", "--seller", "shop-1")]
    [InlineData(false, "evaluate", "--db", "s.db", "--policy", "congocrea", "--seller=shop-1")]
    [InlineData(false, "evaluate", "--help")]
    [InlineData(false, "explain", "--db", "s.db", "--policy", "congocrea", "--seller", "shop-1")]
    [InlineData(false, "serve", "--db", "s.db")]
    [InlineData(false, "policies", "list")]
    [InlineData(false)]
    public void Jobs_over_every_seller_start_again_and_others_do_not(bool restarts, params string[] args) =>
        Assert.Equal(restarts, BatchRuntime.Applies(args, NoVariables, Standing));

    [Theory]
    [InlineData("DOTNET_TieredCompilation")] // the child itself, or the user's own choice
    [InlineData("DOTNET_TieredPGO")]
    [InlineData("DOTNET_TC_QuickJit")]
    public void A_tiering_variable_already_set_is_left_to_stand(string variable) =>
        Assert.False(BatchRuntime.Applies(["run", "--db", "s.db"], name => name == variable ? "1" : null, Standing));

    [Fact]
    public void Inside_another_program_the_command_runs_where_it_is() =>
        Assert.False(BatchRuntime.Applies(["run", "--db", "s.db"], NoVariables, typeof(BatchRuntimeTests).Assembly));
}
