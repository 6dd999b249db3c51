#!/usr/bin/env bash
# The HTTP server under load (docs/performance.md, "The HTTP server under load"): builds a generated store
# (or takes one), starts `standing serve` on it, creates a reviewer and an integration key, drives it with
# `standing bench --http` (reads alone, then reads while a writer posts batches of 1,000 new events),
# stops the server and prints the figures.
#   bench/serve-load.sh --dir DIR [--sellers N] [--orders M] [--duration S] [--connections C] [--policy P] [--no-writer] [--rate-limit N]
# DIR holds the generated events and the store (DIR/store.db); an existing DIR/store.db is used as it is
# (the writer's events stay in it: copy the store first to compare two builds on the same data).
# Uses the Release build of src/Standing.Cli (build it first), or the one in $STANDING_DLL; $SERVE_DLL, when
# set, is the build that serves (to compare two servers driven by the same client). The server's per-key rate
# limit is lifted to --rate-limit (default 1000000 a second; 0 leaves the server's default, for builds without it).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=""; sellers=10000; orders=1000000; duration=30; connections=32; policy=congocrea; writer=1; rate=1000000
while [[ $# -gt 0 ]]; do
  case $1 in
    --dir) dir=$2; shift 2 ;;
    --sellers) sellers=$2; shift 2 ;;
    --orders) orders=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --policy) policy=$2; shift 2 ;;
    --no-writer) writer=0; shift ;;
    --rate-limit) rate=$2; shift 2 ;;
    *) echo "usage: bench/serve-load.sh --dir DIR [--sellers N] [--orders M] [--duration S] [--connections C] [--policy P] [--no-writer] [--rate-limit N]" >&2; exit 1 ;;
  esac
done
[[ -n $dir ]] || { echo "bench/serve-load.sh: --dir DIR is required (where the store is built and kept)" >&2; exit 1; }
dll=${STANDING_DLL:-src/Standing.Cli/bin/Release/net10.0/standing.dll}
[[ -f $dll ]] || { echo "build first: dotnet build src/Standing.Cli -c Release" >&2; exit 1; }
standing() { dotnet "$dll" "$@"; }
mkdir -p "$dir"
db=$dir/store.db
if [[ ! -f $db ]]; then
  standing bench --sellers "$sellers" --orders "$orders" --file "$dir/events.ndjson" --generate-only
  standing ingest "$dir/events.ndjson" --db "$db" >/dev/null
  rm -f "$dir/events.ndjson"
fi
# Names are unique per store (they are the actors of audit trails): one pair per run.
reader=$(standing keys create --db "$db" --role reviewer --name "load reader $$-$RANDOM" 2>/dev/null)
integration=$(standing keys create --db "$db" --role integration --name "load writer $$-$RANDOM" 2>/dev/null)

port=$(( 20000 + RANDOM % 20000 ))
url=http://127.0.0.1:$port
limit=(); [[ $rate == 0 ]] || limit=(--rate-limit "$rate")
dotnet "${SERVE_DLL:-$dll}" serve --db "$db" --listen "$url" "${limit[@]}" >"$dir/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' EXIT
until curl -sf "$url/readyz" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { echo "the server exited before answering; see $dir/serve.log" >&2; exit 1; }
  sleep 0.05
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
standing bench --http "$url" --key "$reader" --db "$db" --policy "$policy" --duration "$duration" --connections "$connections" --server-pid "$pid"
if [[ $writer == 1 ]]; then
  standing bench --http "$url" --key "$reader" --db "$db" --policy "$policy" --duration "$duration" --connections "$connections" --server-pid "$pid" \
    --writer-key "$integration"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$pid"; wait "$pid" || true
trap - EXIT
