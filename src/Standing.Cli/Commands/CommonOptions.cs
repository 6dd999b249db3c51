using System.CommandLine;
using Standing.Cli.Output;
using Standing.Data.Store;

namespace Standing.Cli.Commands;

/// <summary>Options shared by the evaluating commands, so that they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Events() => new("--events")
    {
        Description = "NDJSON event file(s) in the Standing event format",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string?> Db(bool required) => new("--db")
    {
        Description = "the event store: a SQLite file (e.g. standing.db) or a PostgreSQL URL / connection string (postgres://…, Host=…;…)",
        Required = required,
    };

    /// <summary><c>--marketplace ID</c>: which marketplace's store a command over <c>--db</c> works on (docs/marketplaces.md).</summary>
    public static Option<string?> Marketplace() => new("--marketplace")
    {
        Description = "the marketplace whose sellers, cases and notices to work on, in the --db store or among the --events (default: the default marketplace)",
    };

    /// <summary>
    /// The store target a command works on: <c>--db</c> itself, or with <c>--marketplace</c> that
    /// marketplace's store next to it (an unknown or unsafe id raises <see cref="EventStoreException"/>,
    /// which the command line prints as it is).
    /// </summary>
    public static string? Target(ParseResult parse, Option<string?> db, Option<string?> marketplace)
    {
        var target = parse.GetValue(db);
        var chosen = parse.GetValue(marketplace);
        if (target is null && chosen is not null)
        {
            throw new EventStoreException($"--marketplace {chosen} needs --db: a marketplace is a store of a deployment (events read with --events are taken as they are)");
        }
        return target is null ? null : MarketplaceStores.Resolve(target, chosen);
    }

    /// <summary>
    /// For a command that reads <c>--events</c> or <c>--db</c>: the store target as <see cref="Target"/>
    /// gives it, or null with files; then <c>--marketplace</c> chooses which marketplace's events of the
    /// files are evaluated (<see cref="EventsMarketplace"/>).
    /// </summary>
    public static string? TargetOrFiles(ParseResult parse, Option<string?> db, Option<string?> marketplace) =>
        parse.GetValue(db) is null ? null : Target(parse, db, marketplace);

    /// <summary>With <c>--events</c> (no <c>--db</c>): the marketplace chosen, null for the default one.</summary>
    public static string? EventsMarketplace(ParseResult parse, Option<string?> db, Option<string?> marketplace) =>
        parse.GetValue(db) is null ? parse.GetValue(marketplace) : null;

    public static Option<string> Policy(bool required = true) => new("--policy")
    {
        Description = "built-in policy id (standing policies list) or a policy YAML file",
        Required = required,
    };

    public static Option<string> AsOf() => new("--as-of")
    {
        Description = "evaluation instant, RFC 3339 with offset, or a date (midnight in the policy's zone)",
        Required = true,
    };

    /// <summary><c>--batch N</c>: sellers whose facts a job over a store holds at once (default <see cref="FactProjection.Chunk"/>).</summary>
    public static Option<int> Batch() => new("--batch")
    {
        Description = "with --db: sellers whose facts are held at once (memory grows with it, not with the store)",
        DefaultValueFactory = _ => FactProjection.Chunk,
    };

    public static Option<string?> Seller() => new("--seller") { Description = "only this seller" };

    public static Option<string?> Rejects() => new("--rejects")
    {
        Description = "write rejected lines here, verbatim with their reasons (NDJSON)",
    };

    /// <summary>How a command prints: a table for people, JSON (docs/schemas/) or, for listings, CSV for spreadsheets.</summary>
    public static Option<string> Format(bool listing = true) => new Option<string>("--format")
    {
        Description = listing ? "table (for people), json (docs/schemas/) or csv" : "table (for people) or json (docs/schemas/)",
        DefaultValueFactory = _ => OutputFormat.Table,
    }.AcceptOnlyFromAmong(listing ? [OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv] : [OutputFormat.Table, OutputFormat.Json]);
}
