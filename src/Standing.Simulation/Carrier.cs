namespace Standing.Simulation;

/// <summary>A parcel carrier: its name, the prefix of its tracking numbers and of its tracking links.</summary>
internal sealed record Carrier(string Name, string Code, string TrackingUrl)
{
    public static readonly Carrier[] All =
    [
        new("InPost", "IP", "https://inpost.pl/sledzenie-przesylek?number="),
        new("DPD", "DP", "https://tracktrace.dpd.com.pl/parcelDetails?p1="),
        new("Nova Poshta", "NP", "https://novaposhta.ua/tracking/?cargo_number="),
        new("DHL", "DH", "https://www.dhl.com/track?tracking-id="),
        new("La Poste", "LP", "https://www.laposte.fr/outils/suivre-vos-envois?code="),
        new("SF Express", "SF", "https://www.sf-express.com/track?billno="),
    ];
}
