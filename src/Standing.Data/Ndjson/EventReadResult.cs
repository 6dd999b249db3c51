using Standing.Core.Events;

namespace Standing.Data.Ndjson;

/// <summary>
/// What reading NDJSON files gave: the de-duplicated events (with duplicate and conflict counts),
/// the rejected lines in reading order, and how many lines were read (blank lines included).
/// </summary>
public sealed record EventReadResult(EventLog Log, IReadOnlyList<Reject> Rejects, long LinesRead);
