using Standing.Policies.Loading;

namespace Standing.Policies.Tests.Loading;

/// <summary>The located errors (<c>p.yaml:line:column: message</c>) a policy YAML that must not load is refused with.</summary>
internal static class LoadErrors
{
    public static List<string> Of(string yaml) =>
        Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(yaml, "p.yaml")).Errors.Select(e => e.ToString()).ToList();
}
