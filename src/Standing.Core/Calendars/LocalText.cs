using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Standing.Core.Calendars;

/// <summary>Instants as people of the policy's zone read them in explanations: local time with offset.</summary>
public static class LocalText
{
    private static readonly OffsetDateTimePattern Pattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<Z+HH:mm>");

    public static string Show(Instant instant, DateTimeZone zone) => Pattern.Format(instant.InZone(zone).ToOffsetDateTime());

    public static string Show(Instant? instant, DateTimeZone zone) => instant is { } i ? Show(i, zone) : "unset";

    internal static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
