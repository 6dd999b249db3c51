namespace Standing.Server.Web.Staff;

/// <summary>
/// Which of the store's log positions a staff page's figures of every seller are of (the overview, the sellers
/// list), and whether it is the current one: on a large store the page shows the last figures while those of a
/// newer position are computed in the background (<see cref="KeptResults.GetOrLast{T}(object, KeptResults.Stamp, Func{T?, T}, Func{long}, Func{T, int}, TimeSpan)"/>), and says so.
/// </summary>
public sealed record FiguresAsOf(long Position, bool Current)
{
    public static FiguresAsOf Of<T>(KeptResults.Shown<T> shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        return new FiguresAsOf(shown.Version, shown.Current);
    }
}
