using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Standing.Server.Access;

/// <summary>
/// Ids taken from a path or a query: at most 200 characters, no control characters, no slash or
/// backslash, not <c>.</c> or <c>..</c>. They only ever reach the store as SQL parameters; checking
/// them still turns a path traversal into a clear 400 instead of a mere "not found".
/// </summary>
public static class Ids
{
    public static bool IsBad(string field, string? id, [NotNullWhen(true)] out ProblemHttpResult? problem)
    {
        problem = null;
        if (id is null || Why(id) is not { } why) return false;
        problem = Problems.BadField(field, $"{field} \"{Shown(id)}\" {why}");
        return true;
    }

    /// <summary>Why <paramref name="id"/> cannot be one (its problem in words), or null when it can.</summary>
    public static string? Why(string id) =>
        id.Length == 0 ? "is empty"
        : id.Length > 200 ? "is longer than 200 characters"
        : id is "." or ".." || id.Contains('/', StringComparison.Ordinal) || id.Contains('\\', StringComparison.Ordinal) || id.Contains("..", StringComparison.Ordinal) ? "looks like a path, not an id"
        : id.Any(char.IsControl) ? "has control characters"
        : null;

    public static string Shown(string id) => new(id.Take(60).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
