using System.Net.Http.Headers;
using System.Text;
using Standing.Data.Enforcement;

namespace Standing.Data.Outbox;

/// <summary>
/// POSTs each notice as JSON to a URL with an <c>Idempotency-Key</c> header (the notice id), so the
/// receiver can drop repeats. Any 2xx answer is a delivery; anything else, or no answer, is not.
/// </summary>
public sealed class WebhookSink(Uri url, HttpClient client) : INoticeSink
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public string Name => "webhook:" + url;

    public async Task SendAsync(StoredNotice notice, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(notice.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(IdempotencyHeader, notice.Id);
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
            if (!response.IsSuccessStatusCode)
                throw new SinkException($"{url}: answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }
}
