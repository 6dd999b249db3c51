namespace Standing.Enforcement.Machines;

/// <summary>
/// The few words a notice fills in itself, in the languages of the built-in packs' templates (en, fr,
/// pl, ru, uk, zh), so a Polish or Chinese notice does not say "none" in English. Other languages get
/// the English words.
/// </summary>
internal static class NoticeWords
{
    private static readonly Dictionary<string, Words> ByLanguage = new(StringComparer.Ordinal)
    {
        ["en"] = new("none", "not enough data to measure", "met", "missed", "not judged (too few orders)", "not enough reviews to measure", "needs", "the first event"),
        ["fr"] = new("aucune", "pas assez de données pour mesurer", "respecté", "non respecté", "non évalué (trop peu de commandes)", "pas assez d’avis pour mesurer", "exigé :", "le premier événement"),
        ["pl"] = new("brak", "za mało danych do pomiaru", "spełnione", "niespełnione", "nieoceniane (za mało zamówień)", "za mało opinii do pomiaru", "wymagane:", "pierwszego zdarzenia"),
        ["ru"] = new("нет", "недостаточно данных для расчёта", "выполнен", "не выполнен", "не оценивается (слишком мало заказов)", "недостаточно отзывов для расчёта", "требуется:", "первого события"),
        ["uk"] = new("немає", "недостатньо даних для розрахунку", "виконано", "не виконано", "не оцінюється (замало замовлень)", "недостатньо відгуків для розрахунку", "потрібно:", "першої події"),
        ["zh"] = new("无", "数据不足，无法计算", "达标", "未达标", "样本不足，不予评定", "评价不足，无法计算", "要求", "首个事件"),
    };

    public static string None(string language) => Of(language).None;

    public static string NotEnough(string language) => Of(language).NotEnough;

    /// <summary>What a notice says for a rating without reviews to compute it from.</summary>
    public static string NoRating(string language) => Of(language).NoRating;

    /// <summary>Whether a metric met its standard over a report's period, in words.</summary>
    public static string Verdict(string language, Core.Metrics.MetricStatus status) => status switch
    {
        Core.Metrics.MetricStatus.Breach => Of(language).Missed,
        Core.Metrics.MetricStatus.InsufficientData => Of(language).NotJudged,
        _ => Of(language).Met,
    };

    /// <summary>
    /// A person's decision as a notice names it: in English the verb given (<c>confirm</c>, <c>fine:500</c>), in
    /// the other languages the decision's word (a fine with its amount).
    /// </summary>
    public static string Decision(string language, Decisions.Decision decision)
    {
        if (language == NoticeText.English || !DecisionWords.TryGetValue(language, out var words)) return decision.ToString();
        var word = words[Array.IndexOf(DecisionVerbs, decision.Verb)];
        return decision.Amount is { } amount ? $"{word} {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : word;
    }

    private static readonly string[] DecisionVerbs =
        [Decisions.Decision.Confirm, Decisions.Decision.Dismiss, Decisions.Decision.Reinstate, Decisions.Decision.Answer, Decisions.Decision.Fine];

    /// <summary>The words of <see cref="DecisionVerbs"/>, in order, per language.</summary>
    private static readonly Dictionary<string, string[]> DecisionWords = new(StringComparer.Ordinal)
    {
        ["fr"] = ["confirmé", "rejeté", "rétabli", "réponse donnée", "amende de"],
        ["pl"] = ["potwierdzono", "odrzucono", "przywrócono", "udzielono odpowiedzi", "grzywna"],
        ["ru"] = ["подтверждено", "отклонено", "восстановлено", "дан ответ", "штраф"],
        ["uk"] = ["підтверджено", "відхилено", "відновлено", "надано відповідь", "штраф"],
        ["zh"] = ["确认", "驳回", "恢复", "已答复", "罚款"],
    };

    /// <summary>
    /// A metric's value with its unit in the language: hours are "h" in English and French, "godz." in Polish, "ч"
    /// in Russian, "год" in Ukrainian, "小时" in Chinese; percentages and counts are the same in every language.
    /// </summary>
    public static string Value(string language, double value, Core.Metrics.MetricKind kind) =>
        kind == Core.Metrics.MetricKind.MeanDuration && HourUnit.TryGetValue(language, out var unit)
            ? Core.Metrics.ValueText.Number(value) + " " + unit
            : Core.Metrics.ValueText.Of(value, kind);

    private static readonly Dictionary<string, string> HourUnit = new(StringComparer.Ordinal)
    {
        ["pl"] = "godz.",
        ["ru"] = "ч",
        ["uk"] = "год",
        ["zh"] = "小时",
    };

    /// <summary>What a rule needs of a metric, before the comparison ("needs ≥ 1%").</summary>
    public static string Needs(string language) => Of(language).Needs;

    /// <summary>The start of a window that has none (a lifetime window): the seller's first event.</summary>
    public static string FirstEvent(string language) => Of(language).FirstEvent;

    private sealed record Words(string None, string NotEnough, string Met, string Missed, string NotJudged, string NoRating, string Needs, string FirstEvent);

    private static Words Of(string language) =>
        ByLanguage.TryGetValue(language, out var words) ? words : ByLanguage[NoticeText.English];
}
