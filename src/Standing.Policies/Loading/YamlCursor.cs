using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// Reads typed values out of a YAML mapping and records every problem with its position, so that a
/// bad file is reported whole. Unknown keys are errors: a misspelt setting must not be ignored.
/// </summary>
internal sealed partial class YamlCursor(string file, List<PolicyError> errors)
{
    public string File { get; } = file;

    /// <summary>How many errors have been found so far.</summary>
    public int ErrorCount => errors.Count;

    public void Error(YamlNode node, string message) =>
        errors.Add(new PolicyError(File, node.Start.Line, node.Start.Column, message));

    public YamlMappingNode? Mapping(YamlNode? node, string what)
    {
        if (node is YamlMappingNode map) return map;
        if (node is not null) Error(node, $"{what} must be a mapping (key: value lines)");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode? node, string what)
    {
        if (node is YamlSequenceNode seq) return seq;
        if (node is not null) Error(node, $"{what} must be a list");
        return null;
    }

    /// <summary>Reports keys outside <paramref name="allowed"/>.</summary>
    public void OnlyKeys(YamlMappingNode map, string what, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
                Error(key, $"unknown key \"{name}\" in {what}; expected one of: {string.Join(", ", allowed)}");
        }
    }

    public static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public string? Text(YamlMappingNode map, string key, bool required, string what)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required) Error(map, $"{what} needs \"{key}\"");
            return null;
        }
        if (node is YamlScalarNode { Value: { } v } && v.Length > 0) return v;
        Error(node, $"\"{key}\" must be a non-empty text value");
        return null;
    }

    public double? Number(YamlMappingNode map, string key, bool required, string what)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required) Error(map, $"{what} needs \"{key}\"");
            return null;
        }
        if (node is YamlScalarNode { Value: { } v } && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            return d;
        Error(node, $"\"{key}\" must be a number");
        return null;
    }

    public int? Integer(YamlMappingNode map, string key, bool required, string what, int min = 0, int max = int.MaxValue, string? maxNote = null)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required) Error(map, $"{what} needs \"{key}\"");
            return null;
        }
        if (node is YamlScalarNode { Value: { } v } && System.Numerics.BigInteger.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            if (i < min)
            {
                Error(node, $"\"{key}\" must be at least {min}");
                return null;
            }
            if (i > max)
            {
                Error(node, $"\"{key}\" must be at most {max.ToString("N0", CultureInfo.InvariantCulture)}{maxNote}");
                return null;
            }
            return (int)i;
        }
        Error(node, $"\"{key}\" must be a whole number");
        return null;
    }

    public bool? Bool(YamlMappingNode map, string key, string what)
    {
        var node = Get(map, key);
        if (node is null) return null;
        if (node is YamlScalarNode { Value: "true" or "false" } s) return s.Value == "true";
        Error(node, $"\"{key}\" in {what} must be true or false");
        return null;
    }

    public IReadOnlyList<string> Texts(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        if (node is null) return [];
        if (node is YamlSequenceNode seq)
        {
            var list = new List<string>();
            foreach (var item in seq)
            {
                if (item is YamlScalarNode { Value: { } v }) list.Add(v);
                else Error(item, $"each entry of \"{key}\" must be text");
            }
            return list;
        }
        Error(node, $"\"{key}\" must be a list of texts");
        return [];
    }
}
