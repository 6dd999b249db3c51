namespace Standing.Simulation;

/// <summary>The marketplace's buyers (<c>b-1</c> …), shared by all sellers; id strings made once, on first use.</summary>
internal sealed class BuyerPool
{
    private readonly string?[] _ids;

    public BuyerPool(int sellers) => _ids = new string?[Math.Clamp(sellers * 30L, 1_000, 250_000)];

    public string Pick(DeterministicRandom rng)
    {
        var i = rng.Next(_ids.Length);
        return _ids[i] ??= Ids.Make("b-", i + 1);
    }
}
