using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Server.Jobs;

/// <summary>
/// Every seller's evaluation under a policy as the overview and the sellers list show it, and no more: per seller its
/// id, and per metric its value and status; the ids of the outcomes it triggered. Held in flat arrays (16 bytes a
/// metric, each distinct set of triggered outcomes once), so that every built-in standard's list of 100,000 sellers
/// fits in tens of megabytes, where their whole evaluations (0.6–6.8 kB a seller) did not fit together.
/// Never changed once built; read by many requests at once.
/// </summary>
public sealed class SellerLines
{
    /// <summary>One metric of one seller: its value (when it has one), its status and which definition it is.</summary>
    private readonly record struct MetricLine(double Value, int Definition, byte Code, bool HasValue)
    {
        public MetricStatus Status => (MetricStatus)Code;
    }

    private readonly string[] _sellers;
    private readonly int[] _firstMetric; // seller i's metrics are _metrics[_firstMetric[i] .. _firstMetric[i + 1]]
    private readonly MetricLine[] _metrics;
    private readonly MetricDefinition[] _definitions;
    private readonly int[] _triggered; // an index in _outcomeSets
    private readonly string[][] _outcomeSets;

    private SellerLines(Policy policy, Instant asOf, string[] sellers, int[] firstMetric, MetricLine[] metrics, MetricDefinition[] definitions,
        int[] triggered, string[][] outcomeSets)
    {
        Policy = policy;
        AsOf = asOf;
        _sellers = sellers;
        _firstMetric = firstMetric;
        _metrics = metrics;
        _definitions = definitions;
        _triggered = triggered;
        _outcomeSets = outcomeSets;
    }

    public Policy Policy { get; }

    public Instant AsOf { get; }

    public int Count => _sellers.Length;

    /// <summary>About how many bytes the lines hold (the seller ids counted, though they may be shared).</summary>
    public long Bytes => 64L + (_sellers.Length * (8L + 4 + 4 + 48)) + (_metrics.Length * 16L) + _outcomeSets.Sum(s => 32L + (s.Length * 8L));

    public string Seller(int i) => _sellers[i];

    /// <summary>The seller's worst metric status (<see cref="SellerStatus.Worst"/>).</summary>
    public MetricStatus Status(int i)
    {
        if (_firstMetric[i] == _firstMetric[i + 1]) return MetricStatus.InsufficientData;
        var worst = _metrics[_firstMetric[i]].Status;
        for (var k = _firstMetric[i] + 1; k < _firstMetric[i + 1]; k++)
            if (SellerStatus.Rank(_metrics[k].Status) < SellerStatus.Rank(worst)) worst = _metrics[k].Status;
        return worst;
    }

    /// <summary>The seller's result of the metric (value and status only), or null when it has none.</summary>
    public MetricResult? Metric(int i, string metric)
    {
        for (var k = _firstMetric[i]; k < _firstMetric[i + 1]; k++)
            if (_definitions[_metrics[k].Definition].Id == metric) return Result(_metrics[k]);
        return null;
    }

    /// <summary>The seller's value and status of the metric, as <see cref="Metric"/> without making a result.</summary>
    public (double? Value, MetricStatus? Status) ValueOf(int i, string metric)
    {
        for (var k = _firstMetric[i]; k < _firstMetric[i + 1]; k++)
            if (_definitions[_metrics[k].Definition].Id == metric) return (_metrics[k].HasValue ? _metrics[k].Value : null, _metrics[k].Status);
        return (null, null);
    }

    /// <summary>
    /// The seller as the lists show it: its metrics with their value and status (no counts, window or items) and the
    /// outcomes it triggered, by id (no reason). Made on each call, for the rows of one page.
    /// </summary>
    public SellerEvaluation Shown(int i)
    {
        var metrics = new MetricResult[_firstMetric[i + 1] - _firstMetric[i]];
        for (var k = 0; k < metrics.Length; k++) metrics[k] = Result(_metrics[_firstMetric[i] + k]);
        var outcomes = _outcomeSets[_triggered[i]].Select(id => new RuleVerdict(id, "", true, "")).ToList();
        return new SellerEvaluation(_sellers[i], metrics, outcomes);
    }

    /// <summary>Each seller's position, by id.</summary>
    public Dictionary<string, int> Positions()
    {
        var at = new Dictionary<string, int>(_sellers.Length, StringComparer.Ordinal);
        for (var i = 0; i < _sellers.Length; i++) at[_sellers[i]] = i;
        return at;
    }

    private MetricResult Result(MetricLine line) => new()
    {
        Definition = _definitions[line.Definition],
        Value = line.HasValue ? line.Value : null,
        Status = line.Status,
    };

    /// <summary>Lines added one seller at a time, in the order the list has them.</summary>
    public sealed class Builder(Policy policy, Instant asOf)
    {
        private readonly List<string> _sellers = [];
        private readonly List<int> _firstMetric = [0];
        private readonly List<MetricLine> _metrics = [];
        private readonly List<MetricDefinition> _definitions = [];
        private readonly Dictionary<MetricDefinition, int> _definitionAt = new(ReferenceEqualityComparer.Instance);
        private readonly List<int> _triggered = [];
        private readonly List<string[]> _outcomeSets = [];
        private readonly Dictionary<string, int> _outcomeSetAt = new(StringComparer.Ordinal);

        public void Add(SellerEvaluation seller)
        {
            ArgumentNullException.ThrowIfNull(seller);
            // The ids are shared with every other list and read of the same seller: a list holds no copy of its own.
            _sellers.Add(string.Intern(seller.Seller));
            foreach (var m in seller.Metrics) _metrics.Add(new MetricLine(m.Value ?? 0, DefinitionAt(m.Definition), checked((byte)m.Status), m.Value is not null));
            _firstMetric.Add(_metrics.Count);
            _triggered.Add(OutcomeSet([.. seller.Outcomes.Where(o => o.Triggered).Select(o => o.Id)]));
        }

        /// <summary>Adds seller <paramref name="i"/> of <paramref name="lines"/> as it is there.</summary>
        public void Add(SellerLines lines, int i)
        {
            ArgumentNullException.ThrowIfNull(lines);
            _sellers.Add(lines._sellers[i]);
            for (var k = lines._firstMetric[i]; k < lines._firstMetric[i + 1]; k++)
                _metrics.Add(lines._metrics[k] with { Definition = DefinitionAt(lines._definitions[lines._metrics[k].Definition]) });
            _firstMetric.Add(_metrics.Count);
            _triggered.Add(OutcomeSet(lines._outcomeSets[lines._triggered[i]]));
        }

        public SellerLines Build() =>
            new(policy, asOf, [.. _sellers], [.. _firstMetric], [.. _metrics], [.. _definitions], [.. _triggered], [.. _outcomeSets]);

        private int DefinitionAt(MetricDefinition definition)
        {
            if (_definitionAt.TryGetValue(definition, out var at)) return at;
            at = _definitions.Count;
            _definitions.Add(definition);
            _definitionAt[definition] = at;
            return at;
        }

        private int OutcomeSet(string[] ids)
        {
            var key = string.Join('\u0001', ids);
            if (_outcomeSetAt.TryGetValue(key, out var at)) return at;
            at = _outcomeSets.Count;
            _outcomeSets.Add(ids);
            _outcomeSetAt[key] = at;
            return at;
        }
    }
}
