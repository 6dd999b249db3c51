using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Standing.Data.Outbox;

/// <summary>
/// Signs a webhook POST so its receiver can check it came from this Standing and was not replayed
/// long after (docs/enforcement.md): <c>Standing-Timestamp</c> carries the Unix time in seconds, and
/// <c>Standing-Signature</c> is <c>v1=</c> and the lower-case hex HMAC-SHA256, keyed with the sink's
/// secret (UTF-8), of the timestamp, a full stop and the body exactly as sent.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "Standing-Timestamp";

    public const string SignatureHeader = "Standing-Signature";

    public static string Sign(string secret, long unixSeconds, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "." + body);
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>What a receiver does: the signature matches (compared in constant time) and the timestamp is recent.</summary>
    public static bool Verify(string secret, string timestamp, string signature, string body, long nowUnixSeconds, long toleranceSeconds = 300)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var at) || Math.Abs(nowUnixSeconds - at) > toleranceSeconds)
            return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, at, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
