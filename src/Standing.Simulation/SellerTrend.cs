namespace Standing.Simulation;

/// <summary>Whether a seller's problem rates change during the history.</summary>
public enum SellerTrend
{
    /// <summary>The same rates throughout.</summary>
    Steady,

    /// <summary>Problem rates ×2.5 from <see cref="SellerProfile.TrendFrom"/> (a recent deterioration).</summary>
    Deteriorating,

    /// <summary>Problem rates ×0.3 from <see cref="SellerProfile.TrendFrom"/>, when it submitted an improvement plan.</summary>
    Improving,
}
