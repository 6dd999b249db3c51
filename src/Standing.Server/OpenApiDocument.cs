using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Standing.Server.Access;

namespace Standing.Server;

/// <summary>
/// The OpenAPI document's additions: the title, the Bearer key scheme, and on each operation the
/// roles it admits (from <see cref="AllowedRoles"/>) with the 401/403/429 answers that come with keys.
/// </summary>
public static class OpenApiDocument
{
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
            foreach (var (status, text) in (ReadOnlySpan<(string, string)>)[("400", "an invalid parameter or body (problem document naming the field)"), ("401", "no key, an unknown or a revoked key"),
                         ("403", "the key's role may not do this"), ("429", "over the key's rate limit (Retry-After)")])
            {
                operation.Responses.TryAdd(status, new OpenApiResponse
                {
                    Description = text,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
                });
            }
            return Task.CompletedTask;
        });
    }
}
