namespace Standing.Simulation;

/// <summary>When in the local day buyers act: relative weights per hour, sampled as a second of the day.</summary>
internal sealed class HourProfile
{
    /// <summary>Orders: quiet at night, peaks in the evening.</summary>
    public static readonly HourProfile Orders = new(
    [
        0.5, 0.3, 0.2, 0.15, 0.15, 0.2, 0.5, 1.0, 2.0, 3.0, 3.5, 3.5,
        4.0, 4.0, 3.5, 3.5, 3.5, 4.0, 4.5, 5.0, 5.5, 5.0, 3.5, 1.8,
    ]);

    /// <summary>Consultations: like orders, with more night traffic.</summary>
    public static readonly HourProfile Chats = new(
    [
        1.2, 0.8, 0.5, 0.4, 0.4, 0.5, 0.8, 1.5, 2.5, 3.0, 3.5, 3.5,
        3.5, 3.5, 3.5, 3.5, 3.5, 4.0, 4.5, 5.0, 5.0, 4.5, 3.5, 2.2,
    ]);

    private readonly double[] _cumulative = new double[24];
    private readonly double _total;

    private HourProfile(double[] weights)
    {
        var sum = 0.0;
        for (var h = 0; h < 24; h++)
        {
            sum += weights[h];
            _cumulative[h] = sum;
        }
        _total = sum;
    }

    public long SecondOfDay(DeterministicRandom rng)
    {
        var u = rng.NextDouble() * _total;
        var hour = 0;
        while (hour < 23 && u >= _cumulative[hour])
        {
            hour++;
        }
        return (hour * LocalClock.Hour) + rng.Next(3600);
    }
}
