using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>Folds complaint.filed into its <see cref="ComplaintFact"/>: the first filing (by <see cref="EventKey"/>) gives every field.</summary>
internal static class ComplaintFolding
{
    public static void Add(ComplaintFact c, ref Winners w, StandingEvent e)
    {
        if (e.Type != EventType.ComplaintFiled || !EventKey.IsNewFirst(e, w.First)) return;
        w.First = e;
        c.FiledAt = e.At;
        c.Kind = e.Kind;
        c.Order = e.Order;
    }
}
