using NodaTime;
using NodaTime.Text;
using Standing.Core.Calendars;
using Standing.Core.Metrics;
using Standing.Core.Policies;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// Reads a policy from its YAML text into the canonical <see cref="Policy"/> model. Either every
/// part is valid and a policy is returned, or a <see cref="PolicyLoadException"/> lists every error.
/// </summary>
public static class PolicyLoader
{
    private static readonly string[] TopKeys =
        ["id", "version", "name", "description", "effective_from", "time_zone", "calendar", "metrics", "rules", "settings", "defaults", "readings", "guidance", "root_causes", "scorecard", "enforcement", "notices"];

    public static Policy LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyLoadException([new PolicyError(path, 1, 1, "cannot read policy file: " + e.Message)]);
        }
        return Load(text, path);
    }

    public static Policy Load(string yaml, string file)
    {
        var errors = new List<PolicyError>();
        var cursor = new YamlCursor(file, errors);
        var node = YamlDocumentReader.Read(yaml, file, out var unreadable);
        if (unreadable is not null) throw new PolicyLoadException([unreadable]);
        if (node is not YamlMappingNode root)
            throw new PolicyLoadException([new PolicyError(file, 1, 1, "a policy must be a YAML mapping with id, version, metrics…")]);

        cursor.OnlyKeys(root, "the policy", TopKeys);
        var id = cursor.Text(root, "id", true, "the policy");
        if (id is not null && !IsIdentifier(id)) cursor.Error(YamlCursor.Get(root, "id")!, "id must be lower-case letters, digits, '_' or '-'");
        var version = cursor.Text(root, "version", true, "the policy");
        var names = cursor.LanguageTexts(root, "name", "name", "the policy");
        var description = cursor.Text(root, "description", false, "the policy") ?? "";
        var effective = ReadDate(cursor, root, "effective_from");
        var zone = ReadZone(cursor, root);
        var calendar = new CalendarReader(cursor).Read(YamlCursor.Get(root, "calendar"), zone ?? DateTimeZone.Utc);
        var metricReader = new MetricReader(cursor);
        var metrics = metricReader.ReadAll(YamlCursor.Get(root, "metrics"));
        var rules = new RuleReader(cursor, metrics, metricReader.Declared).ReadAll(YamlCursor.Get(root, "rules"));
        var settings = ReadSettings(cursor, root);
        var rootCauses = new RootCauseReader(cursor).Read(YamlCursor.Get(root, "root_causes"));
        var defaults = ReadDefaults(cursor, root);
        var scorecard = new ScorecardReader(cursor).Read(YamlCursor.Get(root, "scorecard"));
        var enforcementReader = new EnforcementReader(cursor, rules);
        var enforcement = enforcementReader.Read(YamlCursor.Get(root, "enforcement"));
        var notices = enforcementReader.ReadMachineNotices(YamlCursor.Get(root, "notices"));
        // Read before the error check: a nested list in them is an error, not silently dropped text.
        var readings = cursor.Texts(root, "readings");
        var guidance = ReadGuidance(cursor, root);

        if (errors.Count > 0) throw new PolicyLoadException(errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        return new Policy
        {
            Id = id!,
            Version = version!,
            Name = names.GetValueOrDefault(YamlCursor.EnglishCode) ?? id!,
            Names = names,
            Description = description,
            EffectiveFrom = effective!.Value,
            Calendar = calendar,
            Metrics = metrics,
            Rules = rules,
            Settings = settings,
            RootCauses = rootCauses,
            Defaults = defaults,
            Scorecard = scorecard,
            Enforcement = enforcement,
            Notices = notices,
            Readings = readings,
            Guidance = guidance.GetValueOrDefault(GuidanceLanguage, []),
            GuidanceTranslations = guidance.Where(g => g.Key != GuidanceLanguage).ToDictionary(g => g.Key, g => g.Value, StringComparer.Ordinal),
            Source = file,
        };
    }

    private const string GuidanceLanguage = "en";

    /// <summary>
    /// <c>guidance</c>: a list of texts (English), or one list per language (<c>{ en: […], fr: […] }</c>, English
    /// required), so that a notice in the seller's language gives the guidance in it too.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadGuidance(YamlCursor cursor, YamlMappingNode root)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (YamlCursor.Get(root, "guidance") is not YamlMappingNode perLanguage)
        {
            result[GuidanceLanguage] = cursor.Texts(root, "guidance");
            return result;
        }
        foreach (var (key, _) in perLanguage.Children)
        {
            var language = (key as YamlScalarNode)?.Value ?? "";
            if (!System.Text.RegularExpressions.Regex.IsMatch(language, "^[a-z]{2,3}$"))
                cursor.Error(key, $"\"{language}\" is not a language code (two or three lower-case letters: en, fr, pl, ru, uk, zh)");
            else
                result[language] = cursor.Texts(perLanguage, language);
        }
        if (!result.ContainsKey(GuidanceLanguage))
            cursor.Error(perLanguage, "\"guidance\" needs its English text (\"en\"), the language of sellers without one");
        return result;
    }

    internal static bool IsIdentifier(string s) =>
        s.Length > 0 && s.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-');

    private static LocalDate? ReadDate(YamlCursor cursor, YamlMappingNode root, string key)
    {
        var text = cursor.Text(root, key, true, "the policy");
        if (text is null) return null;
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (parsed.Success) return parsed.Value;
        cursor.Error(YamlCursor.Get(root, key)!, $"\"{key}\" must be a date like 2024-01-31");
        return null;
    }

    private static DateTimeZone? ReadZone(YamlCursor cursor, YamlMappingNode root)
    {
        var text = cursor.Text(root, "time_zone", true, "the policy");
        if (text is null) return null;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(text);
        if (zone is null) cursor.Error(YamlCursor.Get(root, "time_zone")!, $"unknown time zone \"{text}\" (use an IANA name such as Europe/Warsaw)");
        return zone;
    }

    private static Dictionary<string, double> ReadSettings(YamlCursor cursor, YamlMappingNode root)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        var map = cursor.Mapping(YamlCursor.Get(root, "settings"), "settings");
        if (map is null) return result;
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                cursor.Error(key, "each setting's name must be plain text");
                continue;
            }
            if (cursor.Number(map, name, true, "settings") is { } v) result[name] = v;
        }
        return result;
    }

    private static List<PolicyDefault> ReadDefaults(YamlCursor cursor, YamlMappingNode root)
    {
        var result = new List<PolicyDefault>();
        var seq = cursor.Sequence(YamlCursor.Get(root, "defaults"), "defaults");
        if (seq is null) return result;
        foreach (var node in seq)
        {
            if (cursor.Mapping(node, "a default") is not { } map) continue;
            cursor.OnlyKeys(map, "a default", "setting", "note");
            var setting = cursor.Text(map, "setting", true, "a default");
            var note = cursor.Text(map, "note", true, "a default");
            if (setting is not null && note is not null) result.Add(new PolicyDefault(setting, note));
        }
        return result;
    }
}
