using System.Globalization;
using Standing.Core.Forecasting;
using static Standing.Server.Web.Texts;

namespace Standing.Server.Web;

/// <summary>
/// How the seller's page says a metric's forecast (docs/foresight.md) in the page's language: time to
/// recovery, error budget, the days defects leave the window. The wording avoids plural forms ("days: 3")
/// so one sentence per language reads right for every number.
/// </summary>
public static class ForecastText
{
    public static string Recovery(PageLanguage language, MetricForecast forecast, int horizon) => forecast.Recovery switch
    {
        { Kind: RecoveryKind.AlreadyGood } => In(language, Say("Already good.")),
        { Kind: RecoveryKind.Recovers, Date: { } date, Days: { } days } =>
            Format(In(language, Say("Good again on {0} (days from now: {1}) if nothing new goes wrong.")), language.Date(date), language.Number(days)),
        { Kind: RecoveryKind.NotWithinHorizon } =>
            Format(In(language, Say("Not good again within the forecast's horizon (days: {0}) if nothing changes.")), language.Number(horizon)),
        { Kind: RecoveryKind.InsufficientData } => In(language, Say("Not enough data to forecast.")),
        _ => In(language, Say("No forecast for this metric.")),
    };

    public static string Budget(PageLanguage language, MetricForecast forecast) => forecast switch
    {
        { Now.Status: Core.Metrics.MetricStatus.Breach } => In(language, Say("None: already in breach.")),
        { Budget.Defects: { } defects } =>
            Format(In(language, Say("More defects it can take at the current volume before a breach: {0}.")), language.Number(defects)),
        _ => In(language, Say("Not defined for this metric now.")),
    };

    private static string Format(string text, params object[] values) => string.Format(CultureInfo.InvariantCulture, text, values);
}
