using Standing.Core.Metrics;

namespace Standing.Core.Policies;

/// <summary>
/// How a policy groups a seller's negative reviews by root cause: reviews of at most
/// <see cref="MaxStars"/> stars posted in <see cref="Window"/>, each tagged with the first cause (in
/// table order) one of whose keywords its text contains; no match is the cause "other".
/// </summary>
public sealed record RootCauseTable(WindowSpec Window, int MaxStars, int Examples, IReadOnlyList<RootCause> Causes)
{
    public const string Other = "other";
}

/// <summary>
/// A root cause and its keywords, in any language; matched inside the review text ignoring case and the
/// kind of apostrophe (’ ʼ ` ´ … read as ').
/// </summary>
public sealed record RootCause(string Id, string Title, IReadOnlyList<string> Keywords);
