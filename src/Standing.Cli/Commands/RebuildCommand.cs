using System.CommandLine;
using System.Diagnostics;
using Standing.Cli.Input;
using Standing.Cli.Output;
using Standing.Data.Store;

namespace Standing.Cli.Commands;

/// <summary>
/// <c>standing rebuild --db TARGET</c>: drops the seller projection and computes it again from the
/// event log, then folds every seller once (which also proves every stored event reads back).
/// </summary>
internal static class RebuildCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db(required: true);
        var marketplace = CommonOptions.Marketplace();
        var command = new Command("rebuild", "Recompute the store's seller projection from its event log and fold every seller's facts again") { db, marketplace };
        command.SetAction(parse => Run(CommonOptions.Target(parse, db, marketplace)!));
        return command;
    }

    private static int Run(string target)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var store = EventStore.Open(target, create: false);
            var position = store.RebuildProjection();
            var sellers = store.Sellers();
            var projection = new FactProjection(store);
            var output = Console.Out;
            JobProgress.Run("folding facts", "sellers", progress => projection.Refresh(progress));
            output.WriteLine($"rebuilt the seller projection of {store.Name} ({store.Engine}) in {clock.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine($"  sellers         {sellers.Count,10}  (all folded again: {projection.Folds})");
            output.WriteLine($"  events          {sellers.Sum(s => s.Events),10}");
            output.WriteLine($"  log position    {position,10}");
            return ExitCodes.Ok;
        }
        catch (EventStoreException e)
        {
            Consoles.Error.WriteLine(e.Message);
            return ExitCodes.Error;
        }
    }
}
