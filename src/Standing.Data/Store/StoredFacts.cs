namespace Standing.Data.Store;

/// <summary>
/// One seller's folded facts as the store keeps them: the <see cref="Standing.Core.Facts.FactSnapshot"/>
/// bytes, in <paramref name="Format"/>, folded from the log at position <paramref name="Changed"/>.
/// They are current while the seller's projection row still has that position.
/// </summary>
public sealed record StoredFacts(string Seller, long Changed, int Format, byte[] Body);
