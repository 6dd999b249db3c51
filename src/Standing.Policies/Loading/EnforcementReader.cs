using System.Text.RegularExpressions;
using Standing.Core.Policies;
using Standing.Core.Policies.Enforcement;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// Reads a policy's <c>enforcement</c> section (docs/policies.md): its case kinds, each checked against
/// the policy's outcomes, the other kinds it escalates to (no cycles), the decisions a person may
/// record, the fine range and the notice templates (known placeholders only). Every problem is an
/// error at its line and column.
/// </summary>
internal sealed partial class EnforcementReader(YamlCursor cursor, IReadOnlyList<RuleDefinition> rules)
{
    private static readonly string[] Decisions = ["confirm", "dismiss", "reinstate", "answer", "fine"];

    public EnforcementSpec? Read(YamlNode? node)
    {
        if (node is null || cursor.Mapping(node, "enforcement") is not { } map) return null;
        cursor.OnlyKeys(map, "enforcement", "cases", "reports");
        var reports = ReadReports(map);
        var list = cursor.Sequence(YamlCursor.Get(map, "cases"), "enforcement.cases");
        if (list is null)
        {
            if (YamlCursor.Get(map, "cases") is null && YamlCursor.Get(map, "reports") is null)
                cursor.Error(map, "enforcement needs \"cases\" (the case each outcome opens) or \"reports\" (the periodic reports it sends)");
            return YamlCursor.Get(map, "cases") is null && reports.Count > 0 ? new EnforcementSpec([]) { Reports = reports } : null;
        }
        var outcomes = rules.Select(r => r.Outcome).Concat(rules.SelectMany(r => r.Tiers.Select(t => t.Outcome))).ToHashSet(StringComparer.Ordinal);
        var cases = new List<(CaseRule Rule, YamlMappingNode Node)>();
        foreach (var item in list)
        {
            if (cursor.Mapping(item, "a case") is not { } c) continue;
            if (ReadCase(c, outcomes) is { } rule)
            {
                if (cases.Any(x => x.Rule.Kind == rule.Kind)) cursor.Error(YamlCursor.Get(c, "kind")!, $"case kind \"{rule.Kind}\" is defined twice");
                else cases.Add((rule, c));
            }
        }
        CheckEscalations(cases);
        foreach (var report in reports.Where(r => cases.Any(c => c.Rule.Kind == r.Id)))
            cursor.Error(map, $"report \"{report.Id}\" has the name of a case kind: a report's id must differ from the kinds");
        return new EnforcementSpec(cases.Select(c => c.Rule).ToList()) { Reports = reports };
    }

    /// <summary>The texts of a C# machine's notices (top-level <c>notices</c>): kind, title and lines per language.</summary>
    public List<MachineNotice> ReadMachineNotices(YamlNode? node)
    {
        const string What = "a notice text";
        var result = new List<MachineNotice>();
        if (node is null || cursor.Sequence(node, "notices") is not { } list) return result;
        foreach (var item in list)
        {
            if (cursor.Mapping(item, What) is not { } n) continue;
            cursor.OnlyKeys(n, What, "kind", "title", "lines");
            var kind = cursor.Text(n, "kind", true, What);
            if (kind is not null && result.Any(x => x.Kind == kind)) cursor.Error(YamlCursor.Get(n, "kind")!, $"the text of notice \"{kind}\" is given twice");
            var title = PerLanguage(n, "title", single: true, MachineNotice.Placeholders, required: true).ToDictionary(p => p.Key, p => p.Value[0], StringComparer.Ordinal);
            var lines = PerLanguage(n, "lines", single: false, MachineNotice.Placeholders, required: false);
            if (kind is not null && title.ContainsKey("en")) result.Add(new MachineNotice(kind, title, lines));
        }
        return result;
    }

    /// <summary>The periodic reports: id, period (monthly, weekly), recipient, rows, and their texts per language.</summary>
    private List<ReportRule> ReadReports(YamlMappingNode section)
    {
        const string What = "a report";
        var result = new List<ReportRule>();
        if (YamlCursor.Get(section, "reports") is not { } node || cursor.Sequence(node, "enforcement.reports") is not { } list) return result;
        foreach (var item in list)
        {
            if (cursor.Mapping(item, What) is not { } r) continue;
            cursor.OnlyKeys(r, What, "id", "period", "to", "rows", "title", "lines", "row", "empty");
            var id = cursor.Text(r, "id", true, What);
            if (id is not null && !PolicyLoader.IsIdentifier(id)) cursor.Error(YamlCursor.Get(r, "id")!, "a report id must be lower-case letters, digits, '_' or '-'");
            if (id is not null && result.Any(x => x.Id == id)) cursor.Error(YamlCursor.Get(r, "id")!, $"report \"{id}\" is defined twice");
            var period = Choice(r, "period", ["monthly", "weekly"], What, required: true) switch { "monthly" => ReportPeriod.Monthly, "weekly" => ReportPeriod.Weekly, _ => (ReportPeriod?)null };
            var to = cursor.Text(r, "to", true, What);
            if (to is not null && !NoticePlaceholders.Audiences.Contains(to))
                cursor.Error(YamlCursor.Get(r, "to")!, $"a report goes to the seller or the operator, not \"{to}\"");
            var rows = Choice(r, "rows", ["metrics", "agents_over_target"], What, required: true) switch { "metrics" => ReportRows.Metrics, "agents_over_target" => ReportRows.AgentsOverTarget, _ => (ReportRows?)null };
            var known = ReportPlaceholders.Report;
            var rowKnown = rows is { } k ? ReportPlaceholders.Row(k) : [];
            var title = PerLanguage(r, "title", single: true, known, required: true).ToDictionary(p => p.Key, p => p.Value[0], StringComparer.Ordinal);
            var lines = PerLanguage(r, "lines", single: false, known, required: false);
            var row = PerLanguage(r, "row", single: true, rows is null ? null : rowKnown, required: true).ToDictionary(p => p.Key, p => p.Value[0], StringComparer.Ordinal);
            var empty = PerLanguage(r, "empty", single: true, known, required: false).ToDictionary(p => p.Key, p => p.Value[0], StringComparer.Ordinal);
            if (id is null || period is null || to is null || rows is null || title.Count == 0 || row.Count == 0) continue;
            result.Add(new ReportRule { Id = id, Period = period.Value, To = to, Rows = rows.Value, Title = title, Lines = lines, Row = row, Empty = empty });
        }
        return result;
    }

    private CaseRule? ReadCase(YamlMappingNode c, HashSet<string> outcomes)
    {
        const string What = "a case";
        cursor.OnlyKeys(c, What, "kind", "outcome", "per", "reopen_after_days", "deadline", "recheck", "clears", "escalate_to", "decisions", "fine", "notices");
        var kind = cursor.Text(c, "kind", true, What);
        if (kind is not null && !PolicyLoader.IsIdentifier(kind)) cursor.Error(YamlCursor.Get(c, "kind")!, "a case kind must be lower-case letters, digits, '_' or '-'");
        var outcome = cursor.Text(c, "outcome", false, What);
        if (outcome is not null && !outcomes.Contains(outcome))
            cursor.Error(YamlCursor.Get(c, "outcome")!, $"unknown outcome \"{outcome}\"; the policy's rules give: {string.Join(", ", outcomes.Order(StringComparer.Ordinal))}");
        var per = Choice(c, "per", ["seller", "metric", "item"]) switch { "metric" => CasePer.Metric, "item" => CasePer.Item, _ => CasePer.Seller };
        var reopen = cursor.Integer(c, "reopen_after_days", false, What, min: 0, max: MetricReader.MaxWindowDays);
        var deadline = Days(c, "deadline");
        var recheck = Days(c, "recheck");
        if (recheck is { Days: 0 }) cursor.Error(YamlCursor.Get(c, "recheck")!, "a re-check must come at least 1 day later");
        var clears = Choice(c, "clears", ["outcome_stops", "person"]) == "person" ? Clearing.Person : Clearing.OutcomeStops;
        var escalate = cursor.Text(c, "escalate_to", false, What);
        if (escalate is not null && recheck is null && YamlCursor.Get(c, "recheck") is null)
            cursor.Error(YamlCursor.Get(c, "escalate_to")!, "escalate_to needs \"recheck\": escalation happens when the outcome still holds at a re-check");
        var decisions = ReadDecisions(c);
        var fine = ReadFine(c, decisions);
        if (clears == Clearing.Person && decisions.Count == 0)
            cursor.Error(YamlCursor.Get(c, "clears")!, "clears: person needs \"decisions\": what the person may record to close the case");
        var notices = ReadNotices(c);
        // Returned even with errors elsewhere in it, so that other kinds' escalations are checked against it;
        // the policy does not load while any error stands.
        if (kind is null) return null;
        return new CaseRule
        {
            Kind = kind,
            Outcome = outcome,
            Per = per,
            ReopenAfterDays = reopen,
            Deadline = deadline,
            Recheck = recheck,
            Clears = clears,
            EscalateTo = escalate,
            Decisions = decisions,
            Fine = fine,
            Notices = notices,
        };
    }

    private string? Choice(YamlMappingNode map, string key, string[] allowed, string what = "a case", bool required = false)
    {
        var text = cursor.Text(map, key, required, what);
        if (text is null || allowed.Contains(text, StringComparer.Ordinal)) return text;
        cursor.Error(YamlCursor.Get(map, key)!, $"\"{key}\" must be one of: {string.Join(", ", allowed)} (not \"{text}\")");
        return null;
    }

    /// <summary><c>{ days: N }</c> or <c>{ business_days: N }</c> (in the policy's calendar).</summary>
    private DayCount? Days(YamlMappingNode c, string key)
    {
        if (YamlCursor.Get(c, key) is not { } node || cursor.Mapping(node, $"\"{key}\"") is not { } map) return null;
        cursor.OnlyKeys(map, $"\"{key}\"", "days", "business_days");
        var calendar = cursor.Integer(map, "days", false, $"\"{key}\"", min: 0, max: MetricReader.MaxWindowDays);
        var business = cursor.Integer(map, "business_days", false, $"\"{key}\"", min: 0, max: MetricReader.MaxWindowDays);
        if ((calendar is null) == (business is null))
        {
            cursor.Error(map, $"\"{key}\" needs exactly one of \"days\" (calendar days) or \"business_days\" (in the policy's calendar)");
            return null;
        }
        return calendar is { } d ? new DayCount(d, false) : new DayCount(business!.Value, true);
    }

    private List<string> ReadDecisions(YamlMappingNode c)
    {
        var result = new List<string>();
        foreach (var d in cursor.Texts(c, "decisions"))
        {
            if (Decisions.Contains(d, StringComparer.Ordinal) && !result.Contains(d)) result.Add(d);
            else if (!Decisions.Contains(d, StringComparer.Ordinal))
                cursor.Error(YamlCursor.Get(c, "decisions")!, $"unknown decision \"{d}\"; a person may record: {string.Join(", ", Decisions)}");
        }
        return result;
    }

    private FineRange? ReadFine(YamlMappingNode c, List<string> decisions)
    {
        var node = YamlCursor.Get(c, "fine");
        if (node is null)
        {
            if (decisions.Contains("fine")) cursor.Error(YamlCursor.Get(c, "decisions")!, "the decision \"fine\" needs a \"fine\" range { min, max, currency }");
            return null;
        }
        if (cursor.Mapping(node, "\"fine\"") is not { } map) return null;
        cursor.OnlyKeys(map, "\"fine\"", "min", "max", "currency");
        var min = cursor.Number(map, "min", true, "\"fine\"");
        var max = cursor.Number(map, "max", true, "\"fine\"");
        var currency = cursor.Text(map, "currency", true, "\"fine\"");
        if (min is < 0) cursor.Error(YamlCursor.Get(map, "min")!, "the fine's min must not be negative");
        if (min is { } lo && max is { } hi && lo > hi)
        {
            cursor.Error(YamlCursor.Get(map, "min")!, $"the fine's min ({lo}) is above its max ({hi})".Replace(',', '.'));
            return null;
        }
        if (!decisions.Contains("fine")) cursor.Error(node, "a \"fine\" range needs the decision \"fine\" in \"decisions\"");
        return min is { } a && max is { } b && currency is not null ? new FineRange(a, b, currency) : null;
    }

    private List<NoticeTemplate> ReadNotices(YamlMappingNode c)
    {
        var result = new List<NoticeTemplate>();
        if (cursor.Sequence(YamlCursor.Get(c, "notices"), "\"notices\"") is not { } list) return result;
        foreach (var item in list)
        {
            if (cursor.Mapping(item, "a notice") is not { } n) continue;
            cursor.OnlyKeys(n, "a notice", "on", "to", "title", "lines");
            var on = cursor.Text(n, "on", true, "a notice");
            CaseTransition? transition = on switch
            {
                "opened" => CaseTransition.Opened,
                "rechecked" => CaseTransition.Rechecked,
                "cleared" => CaseTransition.Cleared,
                "escalated" => CaseTransition.Escalated,
                "decided" => CaseTransition.Decided,
                _ => null,
            };
            if (on is not null && transition is null)
                cursor.Error(YamlCursor.Get(n, "on")!, $"unknown state change \"{on}\"; a notice is sent on: opened, rechecked, cleared, escalated, decided");
            var to = cursor.Text(n, "to", true, "a notice");
            if (to is not null && !NoticePlaceholders.Audiences.Contains(to))
                cursor.Error(YamlCursor.Get(n, "to")!, $"a notice goes to the seller or the operator, not \"{to}\"");
            var title = PerLanguage(n, "title", single: true, NoticePlaceholders.Known, required: true).ToDictionary(p => p.Key, p => p.Value[0], StringComparer.Ordinal);
            var lines = PerLanguage(n, "lines", single: false, NoticePlaceholders.Known, required: false);
            if (transition is { } t && to is not null && title.Count > 0) result.Add(new NoticeTemplate(t, to, title, lines));
        }
        return result;
    }

    /// <summary>A text (or list of texts) per language code; English (<c>en</c>) is required.</summary>
    /// <remarks><paramref name="known"/>: the placeholders the texts may name (null: not checked, the rows being unknown).</remarks>
    private Dictionary<string, IReadOnlyList<string>> PerLanguage(YamlMappingNode n, string key, bool single, IReadOnlyList<string>? known, bool required)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var node = YamlCursor.Get(n, key);
        if (node is null)
        {
            if (required) cursor.Error(n, $"\"{key}\" is required here (one text per language, English first)");
            return result;
        }
        if (cursor.Mapping(node, $"\"{key}\" (one entry per language: en, fr, pl…)") is not { } map) return result;
        foreach (var (k, v) in map.Children)
        {
            var language = (k as YamlScalarNode)?.Value ?? "";
            if (!LanguageCode().IsMatch(language))
            {
                cursor.Error(k, $"\"{language}\" is not a language code (two or three lower-case letters: en, fr, pl, ru, uk, zh)");
                continue;
            }
            // Each text with its own node, so that a mistake in a line of a list is reported at that line.
            List<YamlScalarNode>? texts = v switch
            {
                YamlScalarNode { Value: not null } one => [one],
                YamlSequenceNode seq when !single => seq.OfType<YamlScalarNode>().ToList(),
                _ => null,
            };
            if (texts is null)
            {
                cursor.Error(v, single ? $"the {language} \"{key}\" must be a text" : $"the {language} \"{key}\" must be a text or a list of texts");
                continue;
            }
            if (known is not null) foreach (var text in texts) CheckPlaceholders(text, text.Value ?? "", known);
            result[language] = texts.Select(t => t.Value ?? "").ToList();
        }
        if (!result.ContainsKey("en")) cursor.Error(node, $"\"{key}\" needs its English text (\"en\"), the language of sellers without one");
        return result;
    }

    private void CheckPlaceholders(YamlNode node, string text, IReadOnlyList<string> known)
    {
        foreach (Match m in Placeholder().Matches(text))
        {
            var name = m.Groups[1].Value;
            if (!known.Contains(name, StringComparer.Ordinal))
                cursor.Error(node, $"unknown placeholder {{{name}}}; {(ReferenceEquals(known, NoticePlaceholders.Known) ? "a notice" : "here one")} may use: {string.Join(", ", known.Select(p => "{" + p + "}"))}");
        }
    }

    /// <summary>Every escalate_to names a kind of the section, and following them never comes back to a kind.</summary>
    private void CheckEscalations(List<(CaseRule Rule, YamlMappingNode Node)> cases)
    {
        var byKind = cases.ToDictionary(c => c.Rule.Kind, StringComparer.Ordinal);
        foreach (var (rule, node) in cases)
        {
            if (rule.EscalateTo is not { } target) continue;
            if (!byKind.ContainsKey(target))
            {
                cursor.Error(YamlCursor.Get(node, "escalate_to")!, $"unknown case kind \"{target}\"; the section defines: {string.Join(", ", byKind.Keys.Order(StringComparer.Ordinal))}");
                continue;
            }
            var path = new List<string> { rule.Kind };
            for (var next = target; next is not null && byKind.TryGetValue(next, out var step); next = step.Rule.EscalateTo)
            {
                if (path.Contains(next))
                {
                    if (next == rule.Kind)
                        cursor.Error(YamlCursor.Get(node, "escalate_to")!, $"escalation cycle: {string.Join(" → ", path.Append(next))}");
                    break;
                }
                path.Add(next);
            }
        }
        foreach (var (rule, node) in cases)
        {
            if (rule.Outcome is null && !cases.Any(c => c.Rule.EscalateTo == rule.Kind))
                cursor.Error(node, $"case kind \"{rule.Kind}\" has no \"outcome\" and nothing escalates to it: it would never open");
            if (rule.Per == CasePer.Metric && rule.Outcome is { } o && !rules.Any(r => r.Outcome == o))
                cursor.Error(YamlCursor.Get(node, "per")!, "per: metric needs an outcome of a rule (not of a tier)");
        }
    }

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguageCode();
}
