using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Server.Access;
using Standing.Server.Documents;

namespace Standing.Server.Endpoints;

/// <summary><c>/v1/keys</c> (admin): the keys of the admin's marketplace; a created key's text is answered once.</summary>
public static class KeysEndpoints
{
    public sealed record KeyRequest(string? Name, string? Role, string? Seller);

    public sealed record KeyDocument(string Id, string Name, string Role, string? Seller, string Marketplace, string CreatedAt, string? RevokedAt)
    {
        public static KeyDocument Of(ApiKey k) => new(k.Id, k.Name, k.Role, k.Seller, k.Marketplace, EnforcementJson.Instant(k.CreatedAt),
            k.RevokedAt is { } r ? EnforcementJson.Instant(r) : null);
    }

    public sealed record CreatedKeyDocument(KeyDocument Key, string Secret);

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/keys", List).Allow(KeyRoles.Admin).WithTags("keys").WithName("listKeys").Produces<List<KeyDocument>>()
            .WithSummary("The keys of the admin's marketplace (never their text)");
        v1.MapPost("/keys", Create).Allow(KeyRoles.Admin).WithTags("keys").WithName("createKey")
            .Accepts<KeyRequest>("application/json").Produces<CreatedKeyDocument>(StatusCodes.Status201Created)
            .WithSummary("Create a key in the admin's marketplace; its secret is in this answer only");
        v1.MapDelete("/keys/{id}", Revoke).Allow(KeyRoles.Admin).WithTags("keys").WithName("revokeKey").Produces<KeyDocument>()
            .WithSummary("Revoke a key: requests with it are refused (401) from now on");
    }

    private static IResult List(HttpContext context, StoreAccess access)
    {
        using var keys = access.Keys();
        return TypedResults.Ok(keys.List().Where(k => k.Marketplace == context.Key().Marketplace).Select(KeyDocument.Of).ToList());
    }

    private static IResult Create(HttpContext context, StoreAccess access, ServerOptions options, KeyRequest request)
    {
        if (Ids.IsBad("seller", request.Seller, out var bad)) return bad;
        // A name is the actor in audit trails (person:NAME) and on every page that shows one: it must read as text.
        if (request.Name is { } name && name.Any(char.IsControl))
            return Problems.BadField("name", $"name \"{Inputs.Shown(name)}\" has a control character: it is written in audit trails, so it must read as text");
        using var keys = access.Keys();
        // The store's own message names its file: a client is told the same without where the store lives.
        if (request.Name is { Length: > 0 } taken && keys.List().Any(k => k.Name == taken))
            return Problems.BadField("name", $"name \"{Inputs.Shown(taken)}\": a key of that name exists already (names are the actors in audit trails, so they stay unique)");
        var (key, text, error) = keys.Create(request.Name ?? "", request.Role ?? "", request.Seller, context.Key().Marketplace, options.Now());
        if (error is not null)
        {
            // The store's messages name the command's flags; here they are the body's fields.
            var field = error.StartsWith("--", StringComparison.Ordinal) ? error[2..error.IndexOfAny([' ', '"'])] : "body";
            return Problems.BadField(field, error.Replace("--", "", StringComparison.Ordinal));
        }
        return TypedResults.Created($"/v1/keys/{key!.Id}", new CreatedKeyDocument(KeyDocument.Of(key), text!));
    }

    private static IResult Revoke(HttpContext context, StoreAccess access, ServerOptions options, string id)
    {
        if (Ids.IsBad("id", id, out var bad)) return bad;
        using var keys = access.Keys();
        if (keys.List().FirstOrDefault(k => k.Id == id && k.Marketplace == context.Key().Marketplace) is null)
            return Problems.NotFound("id", $"no key \"{Inputs.Shown(id)}\"");
        return TypedResults.Ok(KeyDocument.Of(keys.Revoke(id, options.Now())!));
    }
}
