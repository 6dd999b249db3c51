using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NodaTime;
using Standing.Data.Enforcement;

namespace Standing.Data.Outbox;

/// <summary>
/// POSTs each notice as JSON to a URL with an <c>Idempotency-Key</c> header (the notice id), so the
/// receiver can drop repeats, and, with a secret, signed (<see cref="WebhookSignature"/>). Any 2xx
/// answer is a delivery; a 4xx other than 408 and 429 is a refusal for good (the answer is kept);
/// anything else, or no answer, is tried again, after the <c>Retry-After</c> the receiver asked for.
/// </summary>
public sealed class WebhookSink(Uri url, HttpClient client, string? secret = null, IClock? clock = null) : INoticeSink
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private const int MaxAnswerShown = 300;

    public string Name => "webhook:" + url;

    public async Task SendAsync(StoredNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(notice.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(IdempotencyHeader, notice.Id);
        var now = (clock ?? SystemClock.Instance).GetCurrentInstant();
        if (secret is not null)
        {
            var seconds = now.ToUnixTimeSeconds();
            request.Headers.Add(WebhookSignature.TimestampHeader, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, seconds, notice.Body));
        }
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new SinkException($"{url}: {e.Message}", e);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode) return;
            var status = (int)response.StatusCode;
            var answer = await Answer(response, cancellationToken).ConfigureAwait(false);
            throw new SinkException($"{url}: answered {status} {response.ReasonPhrase}{(answer.Length > 0 ? ": " + answer : "")}")
            {
                Permanent = status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
                RetryAfter = RetryAfter(response.Headers.RetryAfter, now),
            };
        }
    }

    private static async Task<string> Answer(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).ReplaceLineEndings(" ").Trim();
            return text.Length <= MaxAnswerShown ? text : text[..MaxAnswerShown] + "…";
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, Instant now)
    {
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date)
        {
            var wait = date - now.ToDateTimeOffset();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
