using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Core.Evaluation;

/// <summary>
/// Whether two policies measure their metrics the same way, so that one measurement of a seller serves both:
/// the same metrics in the same order, each counting the same items over the same window in the same zone,
/// only their standards (threshold, target, guard) and what follows from them (rules, enforcement) differing.
/// Compared field by field, never by a policy's id or version; anything not compared here makes them differ.
/// </summary>
public static class MeasuredAlike
{
    public static bool Policies(Policy a, Policy b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Metrics.Count != b.Metrics.Count || !Calendars(a, b)) return false;
        for (var i = 0; i < a.Metrics.Count; i++)
        {
            if (!Metrics(a.Metrics[i], b.Metrics[i])) return false;
        }
        return true;
    }

    /// <summary>
    /// The same zone; working hours and holidays only matter to a metric on the business clock or with a limit in
    /// business days, and then the two must share one calendar.
    /// </summary>
    private static bool Calendars(Policy a, Policy b)
    {
        if (ReferenceEquals(a.Calendar, b.Calendar)) return true;
        if (a.Zone.Id != b.Zone.Id) return false;
        return !a.Metrics.Concat(b.Metrics).Any(m => m.BusinessClock || m.Limit?.BusinessDays is not null);
    }

    /// <summary>
    /// Everything a metric's calculator reads but its standard (a score is computed from the others' results by each
    /// policy's own definition, after the measurement). A mean duration passes its standard a count its
    /// result does not keep, so it is alike only with the very same standard.
    /// </summary>
    internal static bool Metrics(MetricDefinition a, MetricDefinition b) =>
        a.Id == b.Id && a.Kind == b.Kind && (a.Kind == MetricKind.Score || Measured(a, b));

    private static bool Measured(MetricDefinition a, MetricDefinition b) =>
        a.Subject == b.Subject && Equals(a.Window, b.Window) &&
        Fields(a.AttributeBy, b.AttributeBy) && Filters(a.Population, b.Population) && Filters(a.Numerator, b.Numerator) &&
        ReferenceEquals(a.Start, b.Start) && ReferenceEquals(a.End, b.End) && ReferenceEquals(a.Excuse, b.Excuse) &&
        Equals(a.Limit, b.Limit) && a.CountsLate == b.CountsLate && a.ExcuseOnlyUnfinished == b.ExcuseOnlyUnfinished &&
        a.ConsultationDayStart == b.ConsultationDayStart && a.BusinessClock == b.BusinessClock &&
        Parts(a.RatioNumerator, b.RatioNumerator) && Parts(a.RatioDenominator, b.RatioDenominator) &&
        (a.Kind != MetricKind.MeanDuration || Equals(a.Standard, b.Standard)) &&
        !JudgedWithPeers(a) && !JudgedWithPeers(b);

    /// <summary>A metric judged against the other sellers is judged after the measurement: left to two evaluations.</summary>
    private static bool JudgedWithPeers(MetricDefinition m) => m.Standard is { } s && (s.Peer is not null || s.Guard?.Method == GuardMethod.BetaBinomial);

    private static bool Parts(RatioPart? a, RatioPart? b) =>
        a is null || b is null ? a is null && b is null : a.Subject == b.Subject && Fields(a.AttributeBy, b.AttributeBy) && Filters(a.Where, b.Where);

    /// <summary>A fact field is one of the vocabulary's (one object each); a derived attribution is made per policy, and only its name is read.</summary>
    private static bool Fields(IFactField? a, IFactField? b) =>
        ReferenceEquals(a, b) || (a is DerivedAttribution x && b is DerivedAttribution y && x.Name == y.Name);

    private static bool Filters(Filter? a, Filter? b)
    {
        if (a is null || b is null) return a is null && b is null;
        return a.RequireAll == b.RequireAll && a.Conditions.Count == b.Conditions.Count && a.Nested.Count == b.Nested.Count &&
            a.Conditions.Zip(b.Conditions).All(p => Conditions(p.First, p.Second)) &&
            a.Nested.Zip(b.Nested).All(p => Filters(p.First, p.Second));
    }

    private static bool Conditions(Condition a, Condition b) =>
        ReferenceEquals(a.Field, b.Field) && a.Op == b.Op && Equals(a.Number, b.Number) && a.Bool == b.Bool &&
        ReferenceEquals(a.OtherField, b.OtherField) &&
        (a.Texts is null || b.Texts is null ? a.Texts is null && b.Texts is null : a.Texts.SequenceEqual(b.Texts, StringComparer.Ordinal));
}
