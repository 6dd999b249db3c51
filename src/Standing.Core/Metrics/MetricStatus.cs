namespace Standing.Core.Metrics;

public enum MetricStatus
{
    Good,
    AtRisk,
    Breach,
    InsufficientData,
}

public static class MetricStatusNames
{
    public static string Wire(this MetricStatus status) => status switch
    {
        MetricStatus.Good => "good",
        MetricStatus.AtRisk => "at_risk",
        MetricStatus.Breach => "breach",
        _ => "insufficient_data",
    };
}
