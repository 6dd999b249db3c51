using System.Collections.Concurrent;
using System.Security.Cryptography;
using NodaTime;

namespace Standing.Server.Web;

/// <summary>
/// The pages' sign-in sessions, held in memory: a session is a random token (the cookie's value) whose
/// SHA-256 hash keys the key id it was opened with. The API key itself never reaches the cookie, and
/// the token is never kept, only its hash. Sessions end at sign-out, after <see cref="Lifetime"/>, or
/// when the server restarts (people sign in again).
/// </summary>
public sealed class PageSessions(ServerOptions options)
{
    /// <summary>How long a session lasts after sign-in (a working day and then some).</summary>
    public static readonly Duration Lifetime = Duration.FromHours(12);

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public sealed record Session(string KeyId, Instant Ends);

    /// <summary>Opens a session for the key; returns the token to put in the cookie (shown to nobody else).</summary>
    public string Open(string keyId)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = options.Now();
        foreach (var stale in _sessions.Where(s => s.Value.Ends <= now).Select(s => s.Key).ToList()) _sessions.TryRemove(stale, out _);
        _sessions[Hash(token)] = new Session(keyId, now + Lifetime);
        return token;
    }

    /// <summary>The key id of a live session, or null (unknown token, signed out, or expired).</summary>
    public string? KeyIdOf(string token)
    {
        if (token.Length is 0 or > 100 || !_sessions.TryGetValue(Hash(token), out var session)) return null;
        if (session.Ends > options.Now()) return session.KeyId;
        _sessions.TryRemove(Hash(token), out _);
        return null;
    }

    /// <summary>Ends the session: the same cookie is refused from now on.</summary>
    public void Close(string token) => _sessions.TryRemove(Hash(token), out _);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
