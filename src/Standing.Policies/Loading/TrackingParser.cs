using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Standing.Policies.Loading;

/// <summary>
/// Passes a YAML parser's events through while remembering which collections are open and which
/// anchors are defined, so that a file the parser gives up on can be reported at its unclosed
/// bracket, an alias to no anchor at the alias, and nesting deeper than <see cref="MaxDepth"/> is
/// refused before building the nodes recurses that deep (50,000 "[" overflowed the stack).
/// </summary>
internal sealed class TrackingParser(IParser inner) : IParser
{
    /// <summary>Far deeper than any policy or mapping needs (they nest five or six levels).</summary>
    public const int MaxDepth = 64;

    private readonly Stack<(Mark Start, bool IsSequence, bool IsFlow)> open = new();
    private readonly HashSet<string> anchors = new(StringComparer.Ordinal);

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
        if (inner.Current is NodeEvent { Anchor.IsEmpty: false } node)
        {
            anchors.Add(node.Anchor.Value);
        }
        switch (inner.Current)
        {
            case SequenceStart s:
                Push(s.Start, true, s.Style == SequenceStyle.Flow);
                break;
            case MappingStart m:
                Push(m.Start, false, m.Style == MappingStyle.Flow);
                break;
            case SequenceEnd or MappingEnd when open.Count > 0:
                open.Pop();
                break;
            case AnchorAlias alias when !anchors.Contains(alias.Value.Value):
                throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} names no anchor (&{alias.Value.Value}) defined before it");
            case DocumentStart:
                anchors.Clear(); // anchors do not cross documents
                break;
        }
        return moved;
    }

    private void Push(Mark start, bool isSequence, bool isFlow)
    {
        if (open.Count >= MaxDepth)
        {
            throw new YamlException(start, start, $"nested more than {MaxDepth} levels deep; a policy or mapping needs far fewer");
        }
        open.Push((start, isSequence, isFlow));
    }
}
