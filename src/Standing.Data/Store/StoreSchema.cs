namespace Standing.Data.Store;

/// <summary>
/// What identifies a store as Standing's and which schema it has. The meta table holds
/// <c>application = standing-event-store</c> and <c>schema_version = N</c>; migrations are numbered
/// from 1 and applied in order, each in the transaction that records its number.
/// </summary>
/// <remarks>
/// Version 2 adds the seller projection (see <see cref="SellerProjection"/>): one row per seller with
/// the high-water marks of its events, kept in the transaction of every batch that adds some, and the
/// log position (a counter of committed batches, <c>log_position</c> in the meta table) that tells
/// which sellers changed since a fold.
/// </remarks>
internal static class StoreSchema
{
    public const string Application = "standing-event-store";

    /// <summary>The newest schema this build knows (the number of migrations).</summary>
    public const int CurrentVersion = 2;

    /// <summary>The page size of a new SQLite store (an existing file keeps its own).</summary>
    public const int SqlitePageSize = 16384;

    /// <summary>SQLite's header field for the file's owner: "Stnd".</summary>
    public const int SqliteApplicationId = 0x53746e64;

    public static string NotOurs(string name, string why) =>
        $"{name}: not a Standing event store ({why}); refusing to use it, nothing was changed";

    public static string Newer(string name, int version) =>
        $"{name}: the event store has schema version {version}, newer than this Standing knows ({CurrentVersion}); upgrade Standing. Nothing was changed";

    /// <summary>SQLite migrations, index 0 = version 1.</summary>
    public static readonly string[][] Sqlite =
    [
        [
            "CREATE TABLE standing_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
            // Rows in arrival order (rowid), keyed by (seller, id) and by id: appends stay sequential,
            // which keeps bulk loads close to SQLite's own import speed.
            "CREATE TABLE events (seq INTEGER PRIMARY KEY, seller TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL)",
            "CREATE UNIQUE INDEX events_by_id ON events (id)",
            "CREATE UNIQUE INDEX events_by_seller ON events (seller, id)",
        ],
        [
            // Uniqueness is the id index's job; by seller, rows only need finding (in arrival order), and
            // an index of (seller, rowid) is half the size of one of (seller, id): bulk loads write less.
            "DROP INDEX events_by_seller",
            "CREATE INDEX events_by_seller ON events (seller)",
            "CREATE TABLE seller_projection (seller TEXT NOT NULL PRIMARY KEY, events INTEGER NOT NULL, first_at INTEGER NOT NULL, last_at INTEGER NOT NULL, changed INTEGER NOT NULL) WITHOUT ROWID",
            "INSERT INTO standing_meta (key, value) VALUES ('log_position', '1') ON CONFLICT (key) DO NOTHING",
            // A version-1 store's sellers start as changed at position 1: every one is folded once.
            "INSERT INTO seller_projection (seller, events, first_at, last_at, changed) SELECT seller, count(*), min(at), max(at), 1 FROM events GROUP BY seller",
        ],
    ];

    /// <summary>
    /// PostgreSQL migrations. Every seller-data table's key starts with seller (distributable by
    /// seller, as Citus does); standing_meta is a small reference table (replicated, not distributed).
    /// </summary>
    public static readonly string[][] Postgres =
    [
        [
            "CREATE TABLE standing_meta (key text PRIMARY KEY, value text NOT NULL)",
            "CREATE TABLE events (seller text NOT NULL, id text NOT NULL, type text NOT NULL, at timestamptz NOT NULL, body text NOT NULL, PRIMARY KEY (seller, id))",
            "CREATE INDEX events_by_id ON events (id)",
        ],
        [
            "CREATE TABLE seller_projection (seller text NOT NULL PRIMARY KEY, events bigint NOT NULL, first_at timestamptz NOT NULL, last_at timestamptz NOT NULL, changed bigint NOT NULL)",
            "INSERT INTO standing_meta (key, value) VALUES ('log_position', '1') ON CONFLICT (key) DO NOTHING",
            "INSERT INTO seller_projection (seller, events, first_at, last_at, changed) SELECT seller, count(*), min(at), max(at), 1 FROM events GROUP BY seller",
        ],
    ];
}
