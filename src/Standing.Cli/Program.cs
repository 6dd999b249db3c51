using System.CommandLine;
using Standing.Cli.Commands;

// `standing`: measure marketplace sellers against published service-level standards.
var root = new RootCommand("Standing: holds marketplace sellers to published service-level standards.")
{
    EvaluateCommand.Create(),
    ExplainCommand.Create(),
    CausesCommand.Create(),
    IngestCommand.Create(),
    RebuildCommand.Create(),
    RunCommand.Create(),
    CasesCommand.Create(),
    DisputesCommand.Create(),
    OutboxCommand.Create(),
    PoliciesCommand.Create(),
    DemoCommand.Create(),
    BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
