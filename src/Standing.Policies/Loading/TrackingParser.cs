using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Standing.Policies.Loading;

/// <summary>
/// Passes a YAML parser's events through while remembering which flow collections (<c>[…]</c>,
/// <c>{…}</c>) are open, so that a file the parser gives up on can be reported at its unclosed bracket.
/// </summary>
internal sealed class TrackingParser(IParser inner) : IParser
{
    private readonly Stack<(Mark Start, bool IsSequence, bool IsFlow)> open = new();

    public ParsingEvent? Current => inner.Current;

    /// <summary>The innermost flow collection still open, if any.</summary>
    public (Mark Start, bool IsSequence)? OpenFlow
    {
        get
        {
            foreach (var entry in open)
            {
                if (entry.IsFlow) return (entry.Start, entry.IsSequence);
            }
            return null;
        }
    }

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        switch (inner.Current)
        {
            case SequenceStart s:
                open.Push((s.Start, true, s.Style == SequenceStyle.Flow));
                break;
            case MappingStart m:
                open.Push((m.Start, false, m.Style == MappingStyle.Flow));
                break;
            case SequenceEnd or MappingEnd when open.Count > 0:
                open.Pop();
                break;
        }
        return moved;
    }
}
