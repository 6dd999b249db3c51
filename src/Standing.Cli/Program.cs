using System.CommandLine;
using System.Data.Common;
using Standing.Cli.Commands;
using Standing.Cli.Input;
using Standing.Data.Store;

// `standing`: measure marketplace sellers against published service-level standards.
var root = new RootCommand("Standing: holds marketplace sellers to published service-level standards.")
{
    EvaluateCommand.Create(),
    ExplainCommand.Create(),
    ForecastCommand.Create(),
    CausesCommand.Create(),
    IngestCommand.Create(),
    RebuildCommand.Create(),
    RunCommand.Create(),
    BacktestCommand.Create(),
    CasesCommand.Create(),
    DisputesCommand.Create(),
    OutboxCommand.Create(),
    PoliciesCommand.Create(),
    DemoCommand.Create(),
    BenchCommand.Create(),
    KeysCommand.Create(),
    ServeCommand.Create(),
};
var parsed = root.Parse(args);
// A refused command line: one line per flag on stderr, nothing on stdout (bare `standing` still shows the help).
if (parsed.Errors.Count > 0 && args.Length > 0)
{
    CommandLineErrors.Write(parsed, Console.Error);
    return ExitCodes.Error;
}
try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (DbException e)
{
    // A store that opened but then failed (read-only, damaged, locked): every write is one
    // transaction, so the failed step committed nothing.
    await Console.Error.WriteLineAsync(StoreFailure.Describe(DbTarget(parsed), e));
    return ExitCodes.Error;
}
catch (EventStoreException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return ExitCodes.Error;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    await Console.Error.WriteLineAsync($"standing {string.Join(' ', args.Take(1))}: cannot read or write a file: {e.Message}");
    return ExitCodes.Error;
}

// The --db value the command was given, to name the store in a message.
static string? DbTarget(ParseResult parsed) =>
    parsed.CommandResult.Command.Options.OfType<Option<string?>>().FirstOrDefault(o => o.Name == "--db") is { } db ? parsed.GetValue(db) : null;
