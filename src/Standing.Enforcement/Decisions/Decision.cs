using System.Globalization;

namespace Standing.Enforcement.Decisions;

/// <summary>A person's decision on a case: confirm, dismiss, reinstate, answer (a letter) or fine:AMOUNT.</summary>
public sealed record Decision(string Verb, decimal? Amount = null)
{
    public const string Confirm = "confirm";
    public const string Dismiss = "dismiss";
    public const string Reinstate = "reinstate";
    public const string Answer = "answer";
    public const string Fine = "fine";

    public override string ToString() => Amount is { } a ? $"{Verb}:{a.ToString(CultureInfo.InvariantCulture)}" : Verb;

    /// <summary>Reads <c>confirm|dismiss|reinstate|answer|fine:AMOUNT</c>; null with an error message otherwise.</summary>
    public static Decision? Parse(string text, out string error)
    {
        error = "";
        var t = text.Trim();
        if (t is Confirm or Dismiss or Reinstate or Answer) return new Decision(t);
        if (t.StartsWith(Fine + ":", StringComparison.Ordinal))
        {
            if (decimal.TryParse(t[(Fine.Length + 1)..], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount > 0)
                return new Decision(Fine, amount);
            error = $"--decision \"{text}\": the fine amount must be a positive number (fine:200)";
            return null;
        }
        error = $"--decision \"{text}\" is not one of confirm, dismiss, reinstate, answer, fine:AMOUNT";
        return null;
    }
}
