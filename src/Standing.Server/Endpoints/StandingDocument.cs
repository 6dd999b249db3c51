using NodaTime;
using Standing.Cli.Output;
using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Forecasting;
using Standing.Core.Metrics;
using Standing.Core.Policies;
using Standing.Data.Documents;
using Standing.Data.Store;
using Standing.Server.Jobs;

namespace Standing.Server.Endpoints;

/// <summary>
/// The document of <c>GET /v1/sellers/{seller}/standing</c> for a seller read for the first time since its events
/// changed. The common case, a standard that does not compare sellers and a seller without disputes, is computed on one
/// connection from the seller's stored facts decoded for what the policy reads (<see cref="PolicyEvaluator.Reads"/>),
/// evaluated alone (no parallel loop for one seller) and forecast with the policy's compiled forecaster, and kept as
/// <see cref="StandingDocuments"/> keeps its documents: per seller, policy and as-of, with the position of the last
/// batch that added an event of the seller and its disputes, so an event of the seller makes the next read compute it
/// again. Every other case (a standard that compares sellers, a seller with disputes) is <see cref="StandingDocuments"/>'s.
/// </summary>
public static class StandingDocument
{
    private sealed record Key(string Policy, string Seller, Instant AsOf);

    /// <summary>The document, or none for a seller the store does not know (kept as well).</summary>
    private sealed record Document(byte[]? Bytes);

    /// <summary>The seller's document as of <paramref name="asOf"/>, or null when the store has no event of the seller.</summary>
    public static byte[]? Of(StoreAccess access, Policy policy, Instant asOf, string seller, SellerRead read)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(read);
        var evaluator = CompiledPolicies.Evaluator(policy);
        if (evaluator.ComparesSellers || read.Disputes.Count > 0) return StandingDocuments.Of(access, policy, asOf, seller, read);
        var versionAfter = read.SellerChanged;
        return access.Kept(new Key(policy.Id, seller, asOf), policy, read.SellerChanged, read.Disputes, () =>
        {
            var document = new Document(Compute(access, evaluator, asOf, seller, out var changed));
            versionAfter = changed;
            return document;
        }, () => versionAfter).Bytes;
    }

    /// <summary>
    /// The document computed afresh (null for a seller the store does not know), with <paramref name="sellerChanged"/>
    /// the position of the last batch that added an event of the seller read after its facts on the same connection.
    /// </summary>
    private static byte[]? Compute(StoreAccess access, PolicyEvaluator evaluator, Instant asOf, string seller, out long sellerChanged)
    {
        SellerFacts? facts;
        using (var events = access.Events())
        {
            var rows = events.Sellers(seller);
            if (rows.Count == 0)
            {
                sellerChanged = -1;
                return null;
            }
            facts = new FactProjection(events).FactsAsOf(asOf, rows, evaluator.Reads).FirstOrDefault(f => f.Seller == seller);
            sellerChanged = events.Sellers(seller) is [var after] ? after.Changed : -1;
        }
        // A seller whose every event is after the as-of is known, with nothing to measure yet.
        facts ??= new SellerFacts(seller, [], [], []);
        var policy = evaluator.Policy;
        var evaluation = new PolicyEvaluation(policy, asOf, [evaluator.EvaluateSeller(facts, asOf, ItemDetail.None)]);
        return Write(evaluation, CompiledPolicies.Forecaster(policy).Forecast(facts, asOf));
    }

    private static byte[] Write(PolicyEvaluation evaluation, SellerForecast forecast)
    {
        using var buffer = new MemoryStream();
        EvaluationJson.Write(buffer, [evaluation], explain: false,
            metricExtras: (json, m) => ExplanationDocument.WriteForecast(json, evaluation, m, forecast));
        return buffer.ToArray();
    }
}
