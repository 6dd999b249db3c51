using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Html;
using NodaTime;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using static Standing.Server.Web.Texts;

namespace Standing.Server.Web;

/// <summary>
/// Why an item counted, in the page's language: the engine's reason as data (<see cref="ItemReason"/>) put
/// into the sentences of <see cref="Texts"/>, its instants in the standard's time zone and the language's
/// date format. Field names are the data's own identifiers (docs/events.md), shown as code, not translated.
/// An item without that data (an engine that wrote only the English sentence) shows the sentence.
/// </summary>
public static class ItemReasonText
{
    public static IHtmlContent Of(PageLanguage language, MetricItem item, DateTimeZone zone) =>
        item.Why is { } why ? new HtmlString(Sentence(language, why, zone)) : new HtmlString(Encode(item.Reason));

    private static string Sentence(PageLanguage language, ItemReason why, DateTimeZone zone)
    {
        var core = why.Kind switch
        {
            ItemReasonKind.Counted => Join(Stamp(language, why.Placed, zone), string.Join("; ", why.Tests.Select(t => Test(language, t, zone)))),
            ItemReasonKind.InPopulation => Join(Stamp(language, why.Placed, zone), Encode(In(language, Say("in the population")))),
            ItemReasonKind.NotCounted => Join(Stamp(language, why.Placed, zone), Encode(In(language, Say("not counted")))),
            ItemReasonKind.OnTime => Format(language, Say("{0}, {1}, {2}: on time"), Stamp(language, why.Start, zone), Deadline(language, why, zone), Finished(language, why, zone)),
            ItemReasonKind.Late => Format(language, Say("{0}, {1}, {2}: late"), Stamp(language, why.Start, zone), Deadline(language, why, zone), Finished(language, why, zone)),
            ItemReasonKind.Excused => Format(language, Say("{0}, {1}, {2} came first: excused"), Stamp(language, why.Start, zone), Deadline(language, why, zone), Stamp(language, why.Excuse, zone)),
            ItemReasonKind.Overdue => Format(language, Say("{0}, {1} passed with no {2}: late"), Stamp(language, why.Start, zone), Deadline(language, why, zone), Field(why.End?.Field ?? "")),
            ItemReasonKind.Waiting => Format(language, Say("{0}, {1} not reached yet: pending"), Stamp(language, why.Start, zone), Deadline(language, why, zone)),
            ItemReasonKind.Unfinished => Format(language, Say("{0}, not finished: pending"), Stamp(language, why.Start, zone)),
            ItemReasonKind.Took => $"{Stamp(language, why.Start, zone)} → {Stamp(language, why.End, zone)}: {Hours(language, why)}",
            ItemReasonKind.Points => Format(language, Say("value {0} → {1} points (100 at {2}, 0 at {3}), weight {4}"),
                Encode(language.Number(why.Value ?? 0, 4)), Encode(language.Number(why.Earned ?? 0, 2)), Encode(language.Number(why.Best ?? 0, 4)),
                Encode(language.Number(why.Worst ?? 0, 4)), Encode(language.Number(why.Weight ?? 0, 4))),
            _ => Format(language, Say("no data ({0}, items: {1}): left out"),
                Encode(In(language, StatusText.Words(why.ComponentStatus ?? MetricStatus.InsufficientData))), Encode(language.Number(why.ComponentItems ?? 0))),
        };
        return why.NumeratorSide switch
        {
            true => Format(language, Say("numerator ({0}): {1}"), Encode(SubjectWords(language, why.SideSubject)), core),
            false => Format(language, Say("denominator ({0}): {1}"), Encode(SubjectWords(language, why.SideSubject)), core),
            null => core,
        };
    }

    /// <summary>A field and its instant: <c>placed_at</c> 2 kwi 2026 10:00.</summary>
    private static string Stamp(PageLanguage language, ReasonStamp? stamp, DateTimeZone zone) => stamp switch
    {
        null => "",
        { At: { } at } => $"{Field(stamp.Field)} {Encode(language.DateTime(at, zone))}",
        _ => Field(stamp.Field),
    };

    /// <summary>The deadline with the limit it comes from, or the limit in working time when there is no single instant.</summary>
    private static string Deadline(PageLanguage language, ItemReason why, DateTimeZone zone) => why.Deadline is { } d
        ? Format(language, Say("deadline {0} ({1})"), Encode(language.DateTime(d, zone)), LimitText(language, why.Limit))
        : Format(language, Say("limit of working time: {0}"), LimitText(language, why.Limit));

    private static string Finished(PageLanguage language, ItemReason why, DateTimeZone zone) =>
        Stamp(language, why.End, zone) + (why.WorkingTime && why.Hours is not null ? " (" + Hours(language, why) + ")" : "");

    private static string Hours(PageLanguage language, ItemReason why)
    {
        var hours = Format(language, Say("{0} h"), Encode(language.Number(why.Hours ?? 0, 2)));
        return why.WorkingTime ? Format(language, Say("{0} of working time"), hours) : hours;
    }

    private static string LimitText(PageLanguage language, Limit? limit) => limit switch
    {
        null => "",
        { Field: { } f } => Format(language, Say("until {0}"), Field(f.Name)),
        { BusinessDays: { } days } => Format(language, Say("business days: {0}"), Encode(language.Number(days))),
        { Fixed: { } d } when d.TotalHours >= 1 && d.TotalHours % 1 == 0 => Format(language, Say("{0} h"), Encode(language.Number(d.TotalHours, 0))),
        { Fixed: { } d } when d.TotalMinutes >= 1 && d.TotalMinutes % 1 == 0 => Format(language, Say("{0} min"), Encode(language.Number(d.TotalMinutes, 0))),
        { Fixed: { } d } => Format(language, Say("{0} s"), Encode(language.Number(d.TotalSeconds, 3))),
        _ => "",
    };

    /// <summary>A test that held: <c>stars</c> ≤ 2 (<c>stars</c> = 1); a pattern with the text it matched.</summary>
    private static string Test(PageLanguage language, ReasonTest test, DateTimeZone zone)
    {
        var c = test.Condition;
        var field = Field(c.Field.Name);
        if (test.Pattern is not null) return $"{field} {Encode(In(language, Say("matches")))} {Encode(test.Pattern)}: “{Encode(test.Matched ?? "")}”";
        var op = c.Op switch
        {
            CompareOp.IsSet => Encode(In(language, Say("is set"))),
            CompareOp.NotSet => Encode(In(language, Say("is not set"))),
            CompareOp.In => Encode(In(language, Say("is one of"))),
            _ => Encode(Condition.OpText(c.Op)),
        };
        var rhs = c switch
        {
            { Op: CompareOp.IsSet or CompareOp.NotSet } => "",
            { OtherField: { } other } => " " + Field(other.Name),
            { Number: { } n } => " " + Encode(language.Number(n, 4)),
            { Bool: { } b } => " " + Encode(YesNo(language, b)),
            { Texts: { Count: 1 } one } => " " + Encode(one[0]),
            _ => " [" + Encode(string.Join(", ", c.Texts ?? [])) + "]",
        };
        var values = $"{field} = {Value(language, test.Value, zone)}";
        if (test.Other is { } otherValue && c.OtherField is { } o) values += $", {Field(o.Name)} = {Value(language, otherValue, zone)}";
        return $"{field} {op}{rhs} ({values})";
    }

    private static string Value(PageLanguage language, ReasonValue value, DateTimeZone zone) => Encode(value switch
    {
        { Bool: { } b } => YesNo(language, b),
        { Number: { } n } => language.Number(n, 4),
        { At: { } at } => language.DateTime(at, zone),
        { Text: { } t } => t,
        _ => In(language, Say("not set")),
    });

    private static string YesNo(PageLanguage language, bool value) => value ? In(language, Say("yes")) : In(language, Say("no"));

    private static string SubjectWords(PageLanguage language, Subject? subject) => subject switch
    {
        Subject.Orders => In(language, Say("orders")),
        Subject.Reviews => In(language, Say("reviews")),
        Subject.Cases => In(language, Say("buyer cases")),
        Subject.Complaints => In(language, Say("complaints")),
        Subject.Refunds => In(language, Say("refunds")),
        Subject.Conversations => In(language, Say("conversations")),
        Subject.Messages => In(language, Say("messages")),
        Subject.Consultations => In(language, Say("consultations")),
        Subject.AgentMessages => In(language, Say("agent messages")),
        _ => "",
    };

    private static string Field(string name) => $"<code>{Encode(name)}</code>";

    private static string Join(string first, string second) => first.Length == 0 ? second : first + "; " + second;

    /// <summary>A sentence of the table in the language, its placeholders filled with HTML already encoded.</summary>
    private static string Format(PageLanguage language, string english, params object[] html) =>
        string.Format(CultureInfo.InvariantCulture, Encode(In(language, english)), html);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
