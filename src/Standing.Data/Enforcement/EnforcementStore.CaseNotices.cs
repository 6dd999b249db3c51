namespace Standing.Data.Enforcement;

/// <summary>The notices of one case, read by the table's key (seller first) rather than by a scan of every notice.</summary>
public sealed partial class EnforcementStore
{
    /// <summary>
    /// The notices of <paramref name="caseId"/>, a case of <paramref name="seller"/>, oldest first: the same as
    /// <see cref="Notices(string?)"/> of that case, read within the seller's rows of the notices' primary key
    /// (the case id has no index of its own: at 100,000 sellers a read by it alone scans every notice's body).
    /// </summary>
    public IReadOnlyList<StoredNotice> Notices(string seller, string caseId)
    {
        using var command = Command(
            "SELECT seller, id, case_id, policy, kind, audience, at, body FROM enforcement_notices WHERE seller = @seller AND case_id = @case",
            ("seller", seller), ("case", caseId));
        return ReadNotices(command);
    }
}
