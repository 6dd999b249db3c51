using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Standing.Enforcement.Machines;
using Standing.Policies;
using Standing.Policies.Loading;
using Standing.Server.Access;
using Standing.Server.Documents;

namespace Standing.Server.Endpoints;

/// <summary><c>/v1/policies</c>: the built-in packs, one in full (its YAML), and validation of a posted policy.</summary>
public static class PoliciesEndpoints
{
    public sealed record PolicySummary(string Id, string Version, string Name, string TimeZone, string EffectiveFrom, bool Enforced, IReadOnlyList<string> Metrics, IReadOnlyList<string> Rules);

    public sealed record PolicyDocument(PolicySummary Policy, string Yaml);

    public sealed record ValidationDocument(bool Valid, PolicySummary Policy);

    public sealed record PolicyErrorDocument(long Line, long Column, string Message);

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/policies", List).Allow(Roles.Readers).WithTags("policies").WithName("listPolicies")
            .Produces<List<PolicySummary>>().WithSummary("The built-in policies");
        v1.MapGet("/policies/{id}", Show).Allow(Roles.Readers).WithTags("policies").WithName("getPolicy")
            .Produces<PolicyDocument>().WithSummary("One built-in policy: its summary and its YAML in full (defaults and readings included)");
        v1.MapPost("/policies/validate", Validate).Allow(Roles.Readers).WithTags("policies").WithName("validatePolicy")
            .Accepts<string>("application/yaml", "application/x-yaml", "text/yaml", "text/plain").Produces<ValidationDocument>()
            .WithSummary("Check a policy (YAML body); 422 lists every error with its line and column");
    }

    private static IResult List() => TypedResults.Ok(BuiltInPacks.Ids.Select(id => Summary(BuiltInPacks.Shared(id))).ToList());

    private static IResult Show(string id)
    {
        if (Ids.IsBad("id", id, out var bad)) return bad;
        if (!BuiltInPacks.Ids.Contains(id, StringComparer.Ordinal))
            return Problems.NotFound("id", $"no built-in policy \"{Inputs.Shown(id)}\" ({string.Join(", ", BuiltInPacks.Ids)})");
        return TypedResults.Ok(new PolicyDocument(Summary(BuiltInPacks.Shared(id)), BuiltInPacks.Yaml(id)));
    }

    private static async Task<IResult> Validate(HttpContext context, ServerOptions options)
    {
        if (context.Request.ContentLength > options.MaxBodyBytes) return Problems.TooLarge(options.MaxBodyBytes, events: false);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var buffer = new char[options.MaxBodyBytes + 1];
        var read = 0;
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory(read, buffer.Length - read), context.RequestAborted)) > 0)
        {
            read += n;
            if (read > options.MaxBodyBytes) return Problems.TooLarge(options.MaxBodyBytes, events: false);
        }
        var yaml = new string(buffer, 0, read);
        if (string.IsNullOrWhiteSpace(yaml)) return Problems.BadField("body", "the body is empty: send the policy's YAML");
        try
        {
            return TypedResults.Ok(new ValidationDocument(true, Summary(PolicyLoader.Load(yaml, "body"))));
        }
        catch (PolicyLoadException e)
        {
            return Problems.Unprocessable($"the policy has {e.Errors.Count} error{(e.Errors.Count == 1 ? "" : "s")}",
                e.Errors.Select(x => (object)new PolicyErrorDocument(x.Line, x.Column, x.Message)));
        }
    }

    private static PolicySummary Summary(Core.Policies.Policy p) => new(p.Id, p.Version, p.Name, p.Zone.Id,
        p.EffectiveFrom.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture), PackMachines.For(p) is not null,
        p.Metrics.Select(m => m.Id).ToList(), p.Rules.Select(r => r.Id).ToList());
}
