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
/// which sellers changed since a fold. Version 4 adds the sellers' stored facts (<see cref="StoredFacts"/>); version 6 the HTTP
/// server's API keys (<see cref="Standing.Data.Keys.KeyStore"/>); version 8 the registry of marketplaces
/// (<see cref="MarketplaceStores"/>); version 9 the server's backtests and their reports
/// (<see cref="Standing.Data.Backtests.BacktestStore"/>); version 10 PostgreSQL's arrival order of events; version 11 the sellers an unfinished daily run has stored
/// (<see cref="Standing.Data.Enforcement.EnforcementStore"/>).
/// </remarks>
internal static class StoreSchema
{
    public const string Application = "standing-event-store";

    /// <summary>The newest schema this build knows (the number of migrations).</summary>
    public static int CurrentVersion => Sqlite.Length;

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
        // Enforcement: cases, their audit trail, the outbox and its deliveries, disputes. Instants are
        // RFC 3339 text in UTC; case data, snapshots and notice bodies are JSON text.
        [
            "CREATE TABLE enforcement_cases (seller TEXT NOT NULL, id TEXT NOT NULL, policy TEXT NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL, opened_at TEXT NOT NULL, due_at TEXT, closed_at TEXT, updated_at TEXT NOT NULL, audit_count INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (seller, id))",
            "CREATE UNIQUE INDEX enforcement_cases_by_id ON enforcement_cases (id)",
            "CREATE TABLE enforcement_audit (seller TEXT NOT NULL, case_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL, reason TEXT NOT NULL, snapshot TEXT NOT NULL, PRIMARY KEY (seller, case_id, seq))",
            "CREATE TABLE enforcement_notices (seller TEXT NOT NULL, id TEXT NOT NULL, case_id TEXT NOT NULL, policy TEXT NOT NULL, kind TEXT NOT NULL, audience TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (seller, id))",
            "CREATE TABLE enforcement_deliveries (seller TEXT NOT NULL, notice_id TEXT NOT NULL, sink TEXT NOT NULL, attempts INTEGER NOT NULL, delivered_at TEXT, last_attempt_at TEXT NOT NULL, last_error TEXT, PRIMARY KEY (seller, notice_id, sink))",
            "CREATE TABLE disputes (seller TEXT NOT NULL, id TEXT NOT NULL, policy TEXT NOT NULL, metric TEXT, item TEXT NOT NULL, reason TEXT NOT NULL, opened_at TEXT NOT NULL, state TEXT NOT NULL, decided_at TEXT, decided_by TEXT, note TEXT, PRIMARY KEY (seller, id))",
            "CREATE UNIQUE INDEX disputes_by_id ON disputes (id)",
        ],
        // Fact snapshots: each seller's folded facts (FactSnapshot bytes), as of its projection row's
        // log position; a row whose position or format differs is stale and folded again from the log.
        [
            "CREATE TABLE seller_facts (seller TEXT NOT NULL PRIMARY KEY, changed INTEGER NOT NULL, format INTEGER NOT NULL, body BLOB NOT NULL)",
        ],
        // Enforcement runs: the as-of instants the daily job ran for, per policy, so that a day before
        // the latest one is never run afterwards (cases are carried forward in time order only). A
        // store enforced before this version knows its runs from the rule transitions of its audit
        // trail (their instant is the run's as-of; a letter is opened at its own instant, left out).
        [
            "CREATE TABLE enforcement_runs (policy TEXT NOT NULL, as_of TEXT NOT NULL, PRIMARY KEY (policy, as_of)) WITHOUT ROWID",
            "INSERT INTO enforcement_runs (policy, as_of) SELECT DISTINCT c.policy, a.at FROM enforcement_audit a JOIN enforcement_cases c ON c.seller = a.seller AND c.id = a.case_id " +
            "WHERE a.actor LIKE 'rule:%' AND NOT (c.kind = 'letter' AND a.seq = 1) ON CONFLICT (policy, as_of) DO NOTHING",
        ],
        // Outbox claims and dead letters: a deliverer claims a notice for a sink (claimed_by until
        // claimed_until) before sending it, so two deliverers never send it both; a permanent refusal
        // sets failed_at (the answer kept in last_error); next_attempt_at honours a Retry-After.
        [
            "ALTER TABLE enforcement_deliveries ADD COLUMN failed_at TEXT",
            "ALTER TABLE enforcement_deliveries ADD COLUMN claimed_by TEXT",
            "ALTER TABLE enforcement_deliveries ADD COLUMN claimed_until TEXT",
            "ALTER TABLE enforcement_deliveries ADD COLUMN next_attempt_at TEXT",
        ],
        // API keys of the HTTP server (Keys/KeyStore): only a SHA-256 hash of each key is kept.
        [
            "CREATE TABLE IF NOT EXISTS api_keys (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, seller TEXT, marketplace TEXT NOT NULL, hash TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT) WITHOUT ROWID",
            "CREATE UNIQUE INDEX IF NOT EXISTS api_keys_by_name ON api_keys (name)",
        ],
        // The marketplaces one deployment serves (docs/marketplaces.md): each has a store of its own next
        // to this one; the registry lives in the default marketplace's store (the others' stay empty).
        [
            "CREATE TABLE IF NOT EXISTS marketplaces (id TEXT NOT NULL PRIMARY KEY, created_at TEXT NOT NULL) WITHOUT ROWID",
        ],
        // The backtests an admin started on the server (Backtests/BacktestStore), each with the request that
        // makes it again and, once done, its two reports; requested_ms orders the list (instants as text do not).
        // A plain rowid table: a report is far larger than a WITHOUT ROWID row should be.
        [
            "CREATE TABLE IF NOT EXISTS backtest_runs (id TEXT NOT NULL PRIMARY KEY, standard TEXT NOT NULL, baseline TEXT NOT NULL, baseline_version TEXT NOT NULL, " +
            "candidate TEXT NOT NULL, candidate_version TEXT NOT NULL, from_day TEXT NOT NULL, to_day TEXT NOT NULL, days INTEGER NOT NULL, request TEXT NOT NULL, " +
            "state TEXT NOT NULL, started_by TEXT NOT NULL, requested_at TEXT NOT NULL, requested_ms INTEGER NOT NULL, started_at TEXT, finished_at TEXT, error TEXT, " +
            "attempts INTEGER NOT NULL, report_json TEXT, report_html TEXT)",
            "CREATE INDEX IF NOT EXISTS backtest_runs_by_requested ON backtest_runs (requested_ms, id)",
        ],
        // Version 10 gives PostgreSQL's events their arrival order (see its list); SQLite has kept it in the
        // rowid (seq) from version 1, so nothing changes here.
        [],
        // The sellers whose case books a daily run of (policy, as-of) has stored so far, a batch at a time, each with
        // what its book did (for the run's summary): a run cut short is carried on by the next run of that as-of,
        // which skips them. Rows live only while a run is unfinished: they are deleted when its run row is written.
        [
            "CREATE TABLE IF NOT EXISTS enforcement_run_sellers (policy TEXT NOT NULL, as_of TEXT NOT NULL, seller TEXT NOT NULL, opened INTEGER NOT NULL, " +
            "transitions INTEGER NOT NULL, notices INTEGER NOT NULL, reports INTEGER NOT NULL, PRIMARY KEY (seller, policy, as_of)) WITHOUT ROWID",
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
        // Enforcement: the same tables as on SQLite, keyed by seller first; ids are found through plain indexes.
        [
            "CREATE TABLE enforcement_cases (seller text NOT NULL, id text NOT NULL, policy text NOT NULL, kind text NOT NULL, state text NOT NULL, opened_at text NOT NULL, due_at text, closed_at text, updated_at text NOT NULL, audit_count integer NOT NULL, data text NOT NULL, PRIMARY KEY (seller, id))",
            "CREATE INDEX enforcement_cases_by_id ON enforcement_cases (id)",
            "CREATE TABLE enforcement_audit (seller text NOT NULL, case_id text NOT NULL, seq integer NOT NULL, at text NOT NULL, actor text NOT NULL, action text NOT NULL, from_state text, to_state text NOT NULL, reason text NOT NULL, snapshot text NOT NULL, PRIMARY KEY (seller, case_id, seq))",
            "CREATE TABLE enforcement_notices (seller text NOT NULL, id text NOT NULL, case_id text NOT NULL, policy text NOT NULL, kind text NOT NULL, audience text NOT NULL, at text NOT NULL, body text NOT NULL, PRIMARY KEY (seller, id))",
            "CREATE TABLE enforcement_deliveries (seller text NOT NULL, notice_id text NOT NULL, sink text NOT NULL, attempts integer NOT NULL, delivered_at text, last_attempt_at text NOT NULL, last_error text, PRIMARY KEY (seller, notice_id, sink))",
            "CREATE TABLE disputes (seller text NOT NULL, id text NOT NULL, policy text NOT NULL, metric text, item text NOT NULL, reason text NOT NULL, opened_at text NOT NULL, state text NOT NULL, decided_at text, decided_by text, note text, PRIMARY KEY (seller, id))",
            "CREATE INDEX disputes_by_id ON disputes (id)",
        ],
        [
            "CREATE TABLE seller_facts (seller text NOT NULL PRIMARY KEY, changed bigint NOT NULL, format integer NOT NULL, body bytea NOT NULL)",
        ],
        // Enforcement runs (see the SQLite list): per policy, not per seller, so a small reference table like standing_meta.
        [
            "CREATE TABLE enforcement_runs (policy text NOT NULL, as_of text NOT NULL, PRIMARY KEY (policy, as_of))",
            "INSERT INTO enforcement_runs (policy, as_of) SELECT DISTINCT c.policy, a.at FROM enforcement_audit a JOIN enforcement_cases c ON c.seller = a.seller AND c.id = a.case_id " +
            "WHERE a.actor LIKE 'rule:%' AND NOT (c.kind = 'letter' AND a.seq = 1) ON CONFLICT (policy, as_of) DO NOTHING",
        ],
        // Outbox claims and dead letters (see the SQLite list).
        [
            "ALTER TABLE enforcement_deliveries ADD COLUMN failed_at text",
            "ALTER TABLE enforcement_deliveries ADD COLUMN claimed_by text",
            "ALTER TABLE enforcement_deliveries ADD COLUMN claimed_until text",
            "ALTER TABLE enforcement_deliveries ADD COLUMN next_attempt_at text",
        ],
        // API keys (see the SQLite list): few rows, not seller data, so a small reference table.
        [
            "CREATE TABLE IF NOT EXISTS api_keys (id text PRIMARY KEY, name text NOT NULL, role text NOT NULL, seller text, marketplace text NOT NULL, hash text NOT NULL, created_at text NOT NULL, revoked_at text)",
            "CREATE UNIQUE INDEX IF NOT EXISTS api_keys_by_name ON api_keys (name)",
        ],
        // The marketplace registry (see the SQLite list): a small reference table.
        [
            "CREATE TABLE IF NOT EXISTS marketplaces (id text PRIMARY KEY, created_at text NOT NULL)",
        ],
        // The server's backtests (see the SQLite list): not seller data, so a small reference table.
        [
            "CREATE TABLE IF NOT EXISTS backtest_runs (id text PRIMARY KEY, standard text NOT NULL, baseline text NOT NULL, baseline_version text NOT NULL, " +
            "candidate text NOT NULL, candidate_version text NOT NULL, from_day text NOT NULL, to_day text NOT NULL, days integer NOT NULL, request text NOT NULL, " +
            "state text NOT NULL, started_by text NOT NULL, requested_at text NOT NULL, requested_ms bigint NOT NULL, started_at text, finished_at text, error text, " +
            "attempts integer NOT NULL, report_json text, report_html text)",
            "CREATE INDEX IF NOT EXISTS backtest_runs_by_requested ON backtest_runs (requested_ms, id)",
        ],
        // Arrival order: each new event takes the next number at insert, so a seller's events read back in the
        // order they were appended (what lets a batch be folded onto stored facts: FactProjection.Advance).
        // Events stored before have none (no table rewrite) and read first, by id, as their facts were folded.
        [
            "CREATE SEQUENCE IF NOT EXISTS events_arrival",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS arrival bigint",
            "ALTER TABLE events ALTER COLUMN arrival SET DEFAULT nextval('events_arrival')",
            "ALTER SEQUENCE events_arrival OWNED BY events.arrival",
        ],
        // The sellers a daily run has stored so far (see the SQLite list). Keyed by seller first like every seller-data
        // table: each row is written in the transaction of its seller's case books. It is read and cleared by
        // (policy, as-of) with a scan, which costs little: it holds rows only while a run is unfinished.
        [
            "CREATE TABLE IF NOT EXISTS enforcement_run_sellers (policy text NOT NULL, as_of text NOT NULL, seller text NOT NULL, opened integer NOT NULL, " +
            "transitions integer NOT NULL, notices integer NOT NULL, reports integer NOT NULL, PRIMARY KEY (seller, policy, as_of))",
        ],
    ];
}
