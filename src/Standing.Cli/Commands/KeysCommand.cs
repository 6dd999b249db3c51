using System.CommandLine;
using NodaTime;
using Spectre.Console;
using Standing.Cli.Input;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Data.Store;

namespace Standing.Cli.Commands;

/// <summary>
/// <c>standing keys create|list|revoke</c>: the API keys of <c>standing serve</c>. A created key is
/// printed once, alone on stdout (the store keeps only its hash), so it can be captured by a script.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "API keys of the HTTP server (standing serve): create, list, revoke");
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(RevokeCommand());
        return command;
    }

    private static Command CreateCommand()
    {
        var db = CommonOptions.Db(required: true);
        var role = new Option<string>("--role") { Description = "admin, operator, reviewer, seller or integration", Required = true };
        var seller = new Option<string?>("--seller") { Description = "the one seller a seller key sees (required with --role seller)" };
        var marketplace = new Option<string?>("--marketplace") { Description = $"the marketplace the key is limited to (default: {KeyRoles.DefaultMarketplace}); a new one is added to the deployment, with a store of its own" };
        var name = new Option<string>("--name") { Description = "who holds the key: the actor named in the audit trail of their decisions", Required = true };
        var command = new Command("create", "Create a key; prints it once, alone on stdout") { db, role, seller, marketplace, name };
        command.SetAction(parse => WithKeys(parse.GetValue(db)!, keys =>
        {
            var chosen = parse.GetValue(marketplace);
            if (chosen is not null && MarketplaceId.Problem(chosen) is { } problem)
            {
                Consoles.Error.WriteLine("--marketplace: " + problem);
                return ExitCodes.Error;
            }
            var now = SystemClock.Instance.GetCurrentInstant();
            // The key's marketplace becomes one of the deployment's, with a store of its own, so that its keys can push its first events.
            if (chosen is not null && !MarketplaceId.IsDefault(chosen) && KeyRoles.Check(parse.GetValue(role)!, parse.GetValue(seller)) is null)
            {
                using (var main = EventStore.Open(parse.GetValue(db)!, create: false)) main.RegisterMarketplace(chosen, now);
                using (EventStore.Open(MarketplaceStores.Target(parse.GetValue(db)!, chosen), create: true))
                {
                }
            }
            var (key, text, error) = keys.Create(parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(seller), chosen, now);
            if (error is not null)
            {
                Consoles.Error.WriteLine(error);
                return ExitCodes.Error;
            }
            Console.Out.WriteLine(text);
            Consoles.Error.WriteLine($"created key {key!.Id} ({key.Role}{(key.Seller is null ? "" : " of seller " + key.Seller)}, marketplace {key.Marketplace}) for {key.Name}; it is not shown again");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var db = CommonOptions.Db(required: true);
        var command = new Command("list", "List the keys (never their text)") { db };
        command.SetAction(parse => WithKeys(parse.GetValue(db)!, keys =>
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("id", "name", "role", "seller", "marketplace", "created", "revoked");
            foreach (var k in keys.List())
            {
                table.AddRow(k.Id, Markup.Escape(k.Name), k.Role, Markup.Escape(k.Seller ?? ""), Markup.Escape(k.Marketplace),
                    EnforcementJson.Instant(k.CreatedAt), k.RevokedAt is { } r ? EnforcementJson.Instant(r) : "");
            }
            Consoles.Out.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command RevokeCommand()
    {
        var db = CommonOptions.Db(required: true);
        var id = new Argument<string>("KEY") { Description = "the key's id or name (standing keys list)" };
        var command = new Command("revoke", "Revoke a key: requests with it are refused from now on") { db, id };
        command.SetAction(parse => WithKeys(parse.GetValue(db)!, keys =>
        {
            var which = parse.GetValue(id)!;
            if (keys.Revoke(which, SystemClock.Instance.GetCurrentInstant()) is not { } key)
            {
                Consoles.Error.WriteLine($"no key \"{which}\" in {keys.Name} (standing keys list shows ids and names)");
                return ExitCodes.Error;
            }
            Consoles.Out.WriteLine($"{key.Id} ({key.Name}): revoked at {EnforcementJson.Instant(key.RevokedAt!.Value)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int WithKeys(string db, Func<KeyStore, int> action)
    {
        try
        {
            using var keys = KeyStore.Open(db);
            return action(keys);
        }
        catch (EventStoreException e)
        {
            Consoles.Error.WriteLine(e.Message);
            return ExitCodes.Error;
        }
    }
}
