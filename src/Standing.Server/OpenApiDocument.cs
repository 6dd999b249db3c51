using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Standing.Server.Access;

namespace Standing.Server;

/// <summary>
/// The OpenAPI document's additions: the title, the Bearer key scheme, and on each operation the
/// roles it admits (from <see cref="AllowedRoles"/>), the problem answers it can give, and the admin's
/// <c>marketplace</c> parameter.
/// </summary>
public static class OpenApiDocument
{
    /// <summary>
    /// The problem answers an operation can give (docs/api.md, "Errors"), from its method and route: every
    /// keyed one 400, 401, 403, 429 and 503; one naming a resource by id 404; one taking a body 408, 413 and
    /// 415; one whose content can be invalid 422; one a state can refuse 409.
    /// </summary>
    private static List<(string Status, string Text)> Answers(string method, string route, bool body)
    {
        var post = method.Equals("POST", StringComparison.OrdinalIgnoreCase);
        var answers = new List<(string, string)>
        {
            ("400", "an invalid parameter or body (problem document naming the field)"), ("401", "no key, an unknown or a revoked key"),
            ("403", "the key's role may not do this, or another marketplace than the key's was named"),
            ("429", "over the key's rate limit (Retry-After)"), ("503", "the store failed the request; nothing it was writing was kept: try again"),
        };
        if (route.Contains('{', StringComparison.Ordinal) || (post && route == "v1/disputes"))
            answers.Add(("404", "no such resource (a disputed seller or item too), or one the key may not see"));
        if (body)
        {
            answers.Add(("408", "the body came too slowly and was cut off; nothing of it was used"));
            answers.Add(("413", "the body is over its limit (events 16 MiB, other bodies 1 MiB)"));
            answers.Add(("415", "a Content-Type the endpoint does not take"));
        }
        if (post && (route is "v1/events" or "v1/policies/validate" or "v1/backtests"))
            answers.Add(("422", "content that reads but is invalid (each error located)"));
        if (route.EndsWith("/decisions", StringComparison.Ordinal) || route.EndsWith("/restart", StringComparison.Ordinal) || route.EndsWith("/report", StringComparison.Ordinal)
            || (post && route == "v1/runs"))
            answers.Add(("409", "refused in the present state (the detail says why and what is allowed)"));
        return answers;
    }

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Standing API",
                Version = "v1",
                Description = "Sellers' standing against marketplace service-level standards: events in, metrics, cases, disputes and notices out. " +
                              "Send Authorization: Bearer KEY (standing keys create). Errors are RFC 9457 problem documents.",
            };
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key made by standing keys create",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<AllowedRoles>().FirstOrDefault() is not { } allowed) return Task.CompletedTask;
            operation.Description = $"Roles: {string.Join(", ", allowed.Roles)}.";
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", context.Document)] = [] }];
            operation.Responses ??= new OpenApiResponses();
            foreach (var (status, text) in Answers(context.Description.HttpMethod ?? "", context.Description.RelativePath ?? "", operation.RequestBody is not null))
            {
                operation.Responses.TryAdd(status, new OpenApiResponse
                {
                    Description = text,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
                });
            }
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "marketplace",
                In = ParameterLocation.Query,
                Description = "Another marketplace of the deployment than the key's own: admin keys only (403 otherwise, 404 when it has no store)",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });
    }
}
