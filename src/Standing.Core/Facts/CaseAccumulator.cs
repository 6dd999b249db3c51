using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>Folds the events of one case.</summary>
internal sealed class CaseAccumulator(string seller, string @case)
{
    private Keyed<StandingEvent> _opened;
    private Keyed<bool> _responded, _escalated;
    private Keyed<string> _closed;

    public void Add(StandingEvent e)
    {
        var key = EventKey.Of(e);
        switch (e.Type)
        {
            case EventType.CaseOpened:
                _opened.OfferFirst(key, e);
                break;
            case EventType.CaseResponded:
                _responded.OfferFirst(key, true);
                break;
            case EventType.CaseEscalated:
                _escalated.OfferFirst(key, true);
                break;
            case EventType.CaseClosed:
                _closed.OfferLast(key, e.Outcome!);
                break;
        }
    }

    public CaseFact ToFact()
    {
        var opened = _opened.HasValue ? _opened.Value : null;
        return new CaseFact(seller, @case)
        {
            Order = opened?.Order,
            Kind = opened?.Kind,
            OpenedAt = _opened.At,
            RespondedAt = _responded.At,
            EscalatedAt = _escalated.At,
            ClosedAt = _closed.At,
            Outcome = _closed.HasValue ? _closed.Value : null,
        };
    }
}
