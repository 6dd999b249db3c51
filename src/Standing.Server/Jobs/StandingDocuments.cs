using NodaTime;
using Standing.Cli.Output;
using Standing.Core.Policies;
using Standing.Data.Documents;

namespace Standing.Server.Jobs;

/// <summary>
/// The document of <c>GET /v1/sellers/{seller}/standing</c> (the evaluate document, each metric with its
/// forecast) as the bytes sent, kept per seller, policy and as-of with the seller's events (the log's, under a
/// standard that compares sellers) and disputes it was computed from
/// (<see cref="StoreAccess.Kept{T}(object, Policy, long, IReadOnlyList{Standing.Enforcement.Disputes.Dispute}, Func{T}, Func{long})"/>):
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
        // A standard that compares sellers reads every seller's events: kept per log position. Else per the seller's
        // own events (as the pages keep its evaluation), so other sellers' events leave the document kept.
        var comparesSellers = CompiledPolicies.Evaluator(policy).ComparesSellers;
        var versionAfter = comparesSellers ? read.Position : read.SellerChanged;
        return access.Kept(new Key(policy.Id, seller, asOf), policy, versionAfter, read.Disputes, () =>
        {
            var found = Evaluations.Compute(access, policy, asOf, seller, explain: false, read.Disputes, out var position, out var sellerChanged);
            versionAfter = comparesSellers ? position : sellerChanged;
            return new Document(found is { } f ? Write(f.Evaluation, Evaluations.Forecast(policy, asOf, f.Facts, f.Disputes, f.Evaluation.Sellers[0])) : null);
        }, () => versionAfter).Bytes;
    }

    private static byte[] Write(Standing.Core.Evaluation.PolicyEvaluation evaluation, Standing.Core.Forecasting.SellerForecast forecast)
    {
        using var buffer = new MemoryStream();
        EvaluationJson.Write(buffer, [evaluation], explain: false,
            metricExtras: (json, m) => ExplanationDocument.WriteForecast(json, evaluation, m, forecast));
        return buffer.ToArray();
    }
}
