namespace Standing.Data.Store;

/// <summary>
/// A store that loads into an empty event log faster without its secondary indexes and builds them once at
/// the end (one sort each, rather than a scattered insert per event). Between the two, a marker in the store
/// says the indexes are pending; any other writer, or the next opening once the loader is gone (a killed
/// load), builds them first.
/// </summary>
internal interface IBulkLoad
{
    /// <summary>Drops the event indexes and sets the marker when the log is empty; false (and nothing changed) otherwise.</summary>
    bool BeginBulkLoad();

    /// <summary>Builds the pending indexes and clears the marker, in one transaction.</summary>
    void FinishBulkLoad();
}
