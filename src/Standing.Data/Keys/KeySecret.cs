using System.Security.Cryptography;
using System.Text;

namespace Standing.Data.Keys;

/// <summary>
/// The text of a key: <c>stk_ID_SECRET</c>, where ID (12 hex digits) finds the row and SECRET is 256
/// random bits. Only SHA-256 of the whole text is stored: with that much entropy a plain hash cannot
/// be reversed by guessing, and it is compared in constant time.
/// </summary>
public static class KeySecret
{
    private const string Prefix = "stk_";

    public static (string Id, string Text) New()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The id part of a presented key, or null when the text is not shaped like a key.</summary>
    public static string? IdOf(string text)
    {
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length != Prefix.Length + 12 + 1 + 43 || text[Prefix.Length + 12] != '_') return null;
        var id = text.Substring(Prefix.Length, 12);
        return id.All(char.IsAsciiHexDigitLower) ? id : null;
    }

    public static bool Matches(string text, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(text)), Encoding.ASCII.GetBytes(storedHash));
}
