using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>Folds one event of a case straight into its <see cref="CaseFact"/>.</summary>
internal static class CaseFolding
{
    public static void Add(CaseFact c, ref Winners w, StandingEvent e)
    {
        switch (e.Type)
        {
            case EventType.CaseOpened:
                if (EventKey.IsNewFirst(e, w.First))
                {
                    w.First = e;
                    c.OpenedAt = e.At;
                    c.Order = e.Order;
                    c.Kind = e.Kind;
                }
                break;
            case EventType.CaseResponded:
                CompactInstant.KeepEarliest(ref c._respondedAt, ref c._far, CaseFact.RespondedSlot, CaseFact.Slots, e.At);
                break;
            case EventType.CaseEscalated:
                CompactInstant.KeepEarliest(ref c._escalatedAt, ref c._far, CaseFact.EscalatedSlot, CaseFact.Slots, e.At);
                break;
            case EventType.CaseClosed:
                if (EventKey.IsNewLatest(e, w.Latest))
                {
                    w.Latest = e;
                    c.ClosedAt = e.At;
                    c.Outcome = e.Outcome!;
                }
                break;
        }
    }
}
