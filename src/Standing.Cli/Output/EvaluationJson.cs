using System.Text.Json;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Data.Documents;

namespace Standing.Cli.Output;

/// <summary>
/// The old name of <see cref="EvaluationDocument"/>, kept for code that compiles this file in (the HTTP
/// server links the command line's writers); new code uses Standing.Data.Documents directly.
/// </summary>
internal static class EvaluationJson
{
    public static void Write(Stream stream, IReadOnlyList<PolicyEvaluation> evaluations, bool explain, Action<Utf8JsonWriter, MetricResult>? metricExtras = null) =>
        EvaluationDocument.Write(stream, evaluations, explain, metricExtras);
}
