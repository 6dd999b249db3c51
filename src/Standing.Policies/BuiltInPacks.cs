using Standing.Core.Policies;
using Standing.Policies.Loading;

namespace Standing.Policies;

/// <summary>The standards Standing ships with, embedded as YAML in this assembly.</summary>
public static class BuiltInPacks
{
    private const string Prefix = "Standing.Policies.Packs.";

    public static IReadOnlyList<string> Ids { get; } = typeof(BuiltInPacks).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".yaml".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static string Yaml(string id)
    {
        using var stream = typeof(BuiltInPacks).Assembly.GetManifestResourceStream(Prefix + id + ".yaml")
            ?? throw new KeyNotFoundException($"no built-in policy \"{id}\"; built-in: {string.Join(", ", Ids)}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Policy Load(string id) => PolicyLoader.Load(Yaml(id), $"built-in:{id}.yaml");

    /// <summary>
    /// A built-in policy parsed once per process and shared (a policy is never changed once loaded): the
    /// server's reads use this one, and its results are kept per policy instance.
    /// </summary>
    public static Policy Shared(string id) => Parsed.GetOrAdd(id, Load);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Policy> Parsed = new(StringComparer.Ordinal);

    /// <summary>A built-in id, or else a path to a policy file.</summary>
    public static Policy Resolve(string idOrPath) =>
        Ids.Contains(idOrPath, StringComparer.Ordinal) ? Load(idOrPath) : PolicyLoader.LoadFile(idOrPath);
}
