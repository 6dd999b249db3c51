namespace Standing.Core.Events;

/// <summary>
/// What an id must be to be named in a request, a page's address or a file (docs/events.md): at most 200
/// characters, no control character, no slash or backslash, not <c>.</c> or <c>..</c> nor containing
/// <c>..</c>. One rule for the server's paths and queries and for the events coming in (a batch posted, a
/// file ingested): an event whose seller breaks it is rejected at its line, since no request could read it.
/// </summary>
public static class EventIds
{
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="id"/> cannot be one (its problem in words), or null when it can.</summary>
    public static string? Why(string id)
    {
        if (id.Length == 0) return "is empty";
        if (id.Length > MaxLength) return $"is longer than {MaxLength} characters";
        if (id.Contains('/', StringComparison.Ordinal) || id.Contains('\\', StringComparison.Ordinal) || id.Contains("..", StringComparison.Ordinal) || id == ".")
            return "looks like a path, not an id";
        foreach (var c in id)
        {
            if (char.IsControl(c)) return "has control characters";
        }
        return null;
    }

    /// <summary>An id as a message shows it: its first 60 characters, each control character as <c>?</c>.</summary>
    public static string Shown(string id) => new(id.Take(60).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    /// <summary>Why an event naming <paramref name="seller"/> is refused (<paramref name="why"/>: <see cref="Why"/>'s words).</summary>
    public static string SellerReason(string seller, string why) =>
        $"field \"seller\": \"{Shown(seller)}\" {why}, so no request could name it";
}
