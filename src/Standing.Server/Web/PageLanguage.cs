using System.Globalization;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Standing.Server.Web;

/// <summary>
/// A language of the pages and how it writes numbers and dates. The server runs with invariant
/// globalization (the same output on every machine, ICU or not), so each language carries its own
/// separators and month names, as the Unicode CLDR gives them for that language.
/// </summary>
public sealed record PageLanguage(string Code, string NativeName, string Decimal, string Group, bool GroupsFourDigits, string PercentSpace,
    IReadOnlyList<string> Months, Func<int, string, int, string> DateOf)
{
    public const string CookieName = "standing.lang";

    private const string Nbsp = "\u00a0", NarrowNbsp = "\u202f";

    public static readonly PageLanguage English = new("en", "English", ".", ",", true, "",
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], (d, m, y) => $"{m} {d}, {y}");

    /// <summary>English, then the languages of the built-in standards' markets.</summary>
    public static readonly IReadOnlyList<PageLanguage> All =
    [
        English,
        new("fr", "Français", ",", NarrowNbsp, true, NarrowNbsp,
            ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."], (d, m, y) => $"{d} {m} {y}"),
        new("ru", "Русский", ",", Nbsp, true, Nbsp,
            ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."], (d, m, y) => $"{d} {m} {y} г."),
        new("uk", "Українська", ",", Nbsp, true, "",
            ["січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.", "вер.", "жовт.", "лист.", "груд."], (d, m, y) => $"{d} {m} {y} р."),
        new("zh", "中文", ".", ",", true, "",
            ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"], (d, m, y) => $"{y}年{m}月{d}日"),
        new("pl", "Polski", ",", Nbsp, false, "",
            ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"], (d, m, y) => $"{d} {m} {y}"),
    ];

    private const string Item = "standing.language";

    /// <summary>The request's language: the switch's cookie, else the browser's Accept-Language, else English.</summary>
    public static PageLanguage Of(HttpContext context)
    {
        if (context.Items[Item] is PageLanguage known) return known;
        var chosen = Find(context.Request.Cookies[CookieName]);
        if (chosen is null)
        {
            var accepted = context.Request.GetTypedHeaders().AcceptLanguage;
            chosen = accepted.OrderByDescending(a => a.Quality ?? 1).Select(a => Find(a.Value.Value)).FirstOrDefault(l => l is not null);
        }
        chosen ??= English;
        context.Items[Item] = chosen;
        return chosen;
    }

    /// <summary>The language of a code such as <c>pl</c>, <c>pl-PL</c> or <c>zh-Hans-CN</c>; null when not one of ours.</summary>
    public static PageLanguage? Find(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var primary = code.Split('-', '_')[0];
        return All.FirstOrDefault(l => string.Equals(l.Code, primary, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A number with at most <paramref name="decimals"/> decimals, grouped as the language groups thousands.</summary>
    public string Number(double value, int decimals = 2)
    {
        var pattern = decimals <= 0 ? "#,##0" : "#,##0." + new string('#', decimals);
        var text = Math.Round(value, Math.Max(decimals, 0), MidpointRounding.AwayFromZero).ToString(pattern, CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        if (negative) text = text[1..];
        var integerDigits = text.Split('.')[0].Replace(",", "", StringComparison.Ordinal).Length;
        var grouped = text.Replace(",", integerDigits == 4 && !GroupsFourDigits ? "" : "\u0001", StringComparison.Ordinal)
            .Replace(".", Decimal, StringComparison.Ordinal).Replace("\u0001", Group, StringComparison.Ordinal);
        return (negative ? "-" : "") + grouped;
    }

    public string Number(long value) => Number(value, 0);

    /// <summary>A ratio as a percentage (0.015 → 1.5 %), with at most <paramref name="decimals"/> decimals.</summary>
    public string Percent(double ratio, int decimals = 2) => Number(ratio * 100, decimals) + PercentSpace + "%";

    public string Date(LocalDate date) => DateOf(date.Day, Months[date.Month - 1], date.Year);

    public string Date(Instant instant, DateTimeZone zone) => Date(instant.InZone(zone).Date);

    /// <summary>A date and a 24-hour time (the standards' own markets write 24-hour times; so does English here).</summary>
    public string DateTime(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone).LocalDateTime;
        return $"{Date(local.Date)} {local.Hour:00}:{local.Minute:00}";
    }
}
