using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Standing.Core.Events;

namespace Standing.Server.Access;

/// <summary>
/// Ids taken from a path or a query, checked by the rule events are (<see cref="EventIds"/>). They only
/// ever reach the store as SQL parameters; checking them still turns a path traversal into a clear 400
/// instead of a mere "not found".
/// </summary>
public static class Ids
{
    public static bool IsBad(string field, string? id, [NotNullWhen(true)] out ProblemHttpResult? problem)
    {
        problem = null;
        if (id is null || EventIds.Why(id) is not { } why) return false;
        problem = Problems.BadField(field, $"{field} \"{Shown(id)}\" {why}");
        return true;
    }

    public static string Shown(string id) => EventIds.Shown(id);
}
