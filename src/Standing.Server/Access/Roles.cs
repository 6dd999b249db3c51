using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Standing.Data.Keys;

namespace Standing.Server.Access;

/// <summary>The roles an endpoint admits, as metadata (the OpenAPI document lists them) and as a filter (403 otherwise).</summary>
public sealed record AllowedRoles(IReadOnlyList<string> Roles);

public static class Roles
{
    /// <summary>Everyone who reads the marketplace's standing (a seller key: its own seller only).</summary>
    public static readonly string[] Readers = [KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer, KeyRoles.Seller];

    /// <summary>Those who read every seller (not a seller key).</summary>
    public static readonly string[] Staff = [KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer];

    /// <summary>Those who decide cases and disputes.</summary>
    public static readonly string[] Deciders = [KeyRoles.Admin, KeyRoles.Operator];

    public static TBuilder Allow<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new AllowedRoles(roles));
        builder.AddEndpointFilter(async (context, next) =>
        {
            var key = context.HttpContext.Key();
            if (!roles.Contains(key.Role, StringComparer.Ordinal))
            {
                return Problems.Forbidden($"{(key.Role[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {key.Role} key may not do this (allowed: {string.Join(", ", roles)})");
            }
            return await next(context);
        });
        return builder;
    }
}
