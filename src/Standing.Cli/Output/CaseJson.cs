using NodaTime;
using Standing.Data.Documents;
using Standing.Data.Enforcement;
using Standing.Enforcement.Cases;

namespace Standing.Cli.Output;

/// <summary>
/// The old name of <see cref="CaseDocument"/>, kept for code that compiles this file in (the HTTP server
/// links the command line's writers); new code uses Standing.Data.Documents directly.
/// </summary>
internal static class CaseJson
{
    public static void WriteList(Stream stream, IEnumerable<EnforcementCase> cases, Func<EnforcementCase, Instant>? decidingAt = null) =>
        CaseDocument.WriteList(stream, cases, decidingAt);

    public static void WriteOne(Stream stream, EnforcementCase c, IReadOnlyList<AuditEntry> audit, IReadOnlyList<StoredNotice> notices, string marketplace,
        Instant? decidingAt = null) =>
        CaseDocument.WriteOne(stream, c, audit, notices, marketplace, decidingAt);
}
