using NodaTime;
using Standing.Cli.Output;
using Standing.Core.Policies;
using Standing.Data.Documents;

namespace Standing.Server.Jobs;

/// <summary>
/// The document of <c>GET /v1/sellers/{seller}/standing</c> (the evaluate document, each metric with its
/// forecast) as the bytes sent, kept per seller, policy and as-of with the log position and the seller's
/// disputes it was computed from (<see cref="StoreAccess.Kept{T}(object, Policy, SellerRead, Func{T}, Func{long})"/>):
/// a second read of a seller whose events and disputes did not change is a lookup. Only the bytes are kept,
/// not the facts they were computed from.
/// </summary>
public static class StandingDocuments
{
    private sealed record Key(string Policy, string Seller, Instant AsOf);

    /// <summary>The document, or none for a seller the store does not know (kept as well).</summary>
    private sealed record Document(byte[]? Bytes);

    /// <summary>The seller's document as of <paramref name="asOf"/>, or null when the store has no event of the seller.</summary>
    public static byte[]? Of(StoreAccess access, Policy policy, Instant asOf, string seller, SellerRead read)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(read);
        var positionAfter = read.Position;
        return access.Kept(new Key(policy.Id, seller, asOf), policy, read, () =>
        {
            var found = Evaluations.Compute(access, policy, asOf, seller, explain: false, read.Disputes, out positionAfter);
            return new Document(found is { } f ? Write(f.Evaluation, Evaluations.Forecast(policy, asOf, f.Facts, f.Disputes)) : null);
        }, () => positionAfter).Bytes;
    }

    private static byte[] Write(Standing.Core.Evaluation.PolicyEvaluation evaluation, Standing.Core.Forecasting.SellerForecast forecast)
    {
        using var buffer = new MemoryStream();
        EvaluationJson.Write(buffer, [evaluation], explain: false,
            metricExtras: (json, m) => ExplanationDocument.WriteForecast(json, evaluation, m, forecast));
        return buffer.ToArray();
    }
}
