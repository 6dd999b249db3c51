using System.Text.RegularExpressions;

namespace Standing.Core.Metrics;

/// <summary>
/// The regular expressions of a <c>matches</c> condition. Each runs case-insensitively in time linear
/// in the text (no backtracking), so a policy's pattern cannot stall an evaluation. Two named groups
/// refine a match, since the linear engine has no look-arounds:
/// <list type="bullet">
/// <item><c>(?&lt;luhn&gt;…)</c>: the match counts only when the digits of that group pass the Luhn
/// checksum (bank-card numbers do, most other long numbers do not);</item>
/// <item><c>(?&lt;unless&gt;…)</c>: a match in which that group took part does not count (an order
/// number after <c>订单号</c>, the platform's own link); the search goes on after it.</item>
/// </list>
/// </summary>
public static class TextPatterns
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    /// <summary>The group whose digits must pass the Luhn checksum.</summary>
    public const string LuhnGroup = "luhn";

    /// <summary>The group that, when it took part in a match, cancels it.</summary>
    public const string UnlessGroup = "unless";

    /// <summary>The most matchers kept; past it the cache starts over (policies are few, posted ones could be many).</summary>
    private const int Kept = 256;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TextMatcher> Compiled = new(StringComparer.Ordinal);

    /// <summary>
    /// The matcher of a list of patterns, one per distinct list: the linear engine builds its automaton
    /// lazily while it matches, so a matcher used again (the next metric of the same list, the next day of
    /// a forecast, the next seller) matches at full speed instead of building it all over again.
    /// </summary>
    public static TextMatcher Compile(IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var key = string.Join('\u0001', patterns);
        if (Compiled.TryGetValue(key, out var matcher)) return matcher;
        if (Compiled.Count >= Kept) Compiled.Clear();
        return Compiled.GetOrAdd(key, _ => new TextMatcher(patterns));
    }

    /// <summary>Why <paramref name="pattern"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, Options);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        catch (NotSupportedException e)
        {
            return e.Message;
        }
    }

    internal static Regex Regex(string pattern) => new(pattern, Options);

    /// <summary>Whether the digits of <paramref name="text"/> (other characters ignored) pass the Luhn checksum.</summary>
    public static bool Luhn(string text)
    {
        var sum = 0;
        var count = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is < '0' or > '9') continue;
            var d = c - '0';
            if (count % 2 == 1)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            count++;
        }
        return count > 0 && sum % 10 == 0;
    }
}

/// <summary>What a <c>matches</c> condition found: the pattern that matched and the text it matched.</summary>
public sealed record TextMatch(string Pattern, string Text);

/// <summary>A compiled <c>matches</c> condition (see <see cref="TextPatterns"/>).</summary>
public sealed class TextMatcher
{
    private readonly Regex? _plain;
    private readonly Part[] _parts;

    internal TextMatcher(IReadOnlyList<string> patterns)
    {
        _parts = patterns.Select(p => new Part(p, TextPatterns.Regex(p))).ToArray();
        foreach (var part in _parts)
        {
            var names = part.Regex.GetGroupNames();
            part.Checked = names.Contains(TextPatterns.LuhnGroup, StringComparer.Ordinal) || names.Contains(TextPatterns.UnlessGroup, StringComparer.Ordinal);
        }
        var plain = _parts.Where(p => !p.Checked).Select(p => $"(?:{p.Pattern})").ToArray();
        if (plain.Length > 0) _plain = TextPatterns.Regex(string.Join("|", plain));
    }

    /// <summary>Slots of the texts last matched (by identity), those that matched and those that did not.</summary>
    private const int Slots = 1 << 14;

    // A text's answer is remembered by the string's identity: a forecast (or explain) counts the same
    // message objects once for the value now and again for its days, and each is matched only once. A
    // slot holds a string reference written whole, so readers on other threads see a text or another,
    // never half of one; a text is in "matched" only if it matched (strings do not change), so a race
    // costs at most a match done again. Bounded: a slot taken by another text just forgets the older one.
    private readonly string?[] _matched = new string?[Slots];
    private readonly string?[] _unmatched = new string?[Slots];

    public bool IsMatch(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slot = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(text) & (Slots - 1);
        if (ReferenceEquals(Volatile.Read(ref _matched[slot]), text)) return true;
        if (ReferenceEquals(Volatile.Read(ref _unmatched[slot]), text)) return false;
        var matched = Match(text);
        Volatile.Write(ref (matched ? ref _matched[slot] : ref _unmatched[slot]), text);
        return matched;
    }

    private bool Match(string text)
    {
        if (_plain is not null && _plain.IsMatch(text)) return true;
        foreach (var part in _parts)
        {
            if (part.Checked && First(part, text) is not null) return true;
        }
        return false;
    }

    /// <summary>The first pattern (in the policy's order) that matches, and its matched text; null when none does.</summary>
    public TextMatch? Find(string text)
    {
        foreach (var part in _parts)
        {
            if (First(part, text) is { } m) return new TextMatch(part.Pattern, m);
        }
        return null;
    }

    private static string? First(Part part, string text)
    {
        if (!part.Checked)
        {
            var m = part.Regex.Match(text);
            return m.Success ? m.Value : null;
        }
        foreach (Match m in part.Regex.Matches(text))
        {
            if (m.Groups[TextPatterns.UnlessGroup] is { Success: true }) continue;
            if (m.Groups[TextPatterns.LuhnGroup] is { Success: true } digits && !TextPatterns.Luhn(digits.Value)) continue;
            return m.Value;
        }
        return null;
    }

    private sealed class Part(string pattern, Regex regex)
    {
        public string Pattern { get; } = pattern;
        public Regex Regex { get; } = regex;
        public bool Checked { get; set; }
    }
}
