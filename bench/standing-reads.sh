#!/usr/bin/env bash
# Standing reads first and again (docs/performance.md, "A standing read that costs little"): starts `standing serve`
# on an existing store, creates a reviewer key, and drives `standing bench --http` twice with the same --requests:
# the readers draw their sellers from fixed seeds, so the second pass asks again for (about) the sellers of the
# first, whose documents the server has kept unless the store changed. Prints both passes and the load average.
#   bench/standing-reads.sh --dir DIR [--requests N] [--connections C] [--policy P]
# DIR/store.db must exist (bench/serve-load.sh builds one). Uses the Release build of src/Standing.Cli, or
# $STANDING_DLL; $SERVE_DLL, when set, is the build that serves (to compare two servers with the same client).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=""; requests=3000; connections=32; policy=congocrea
while [[ $# -gt 0 ]]; do
  case $1 in
    --dir) dir=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --policy) policy=$2; shift 2 ;;
    *) echo "usage: bench/standing-reads.sh --dir DIR [--requests N] [--connections C] [--policy P]" >&2; exit 1 ;;
  esac
done
[[ -n $dir && -f $dir/store.db ]] || { echo "bench/standing-reads.sh: --dir DIR with DIR/store.db is required (bench/serve-load.sh builds one)" >&2; exit 1; }
dll=${STANDING_DLL:-src/Standing.Cli/bin/Release/net10.0/standing.dll}
[[ -f $dll ]] || { echo "build first: dotnet build src/Standing.Cli -c Release" >&2; exit 1; }
db=$dir/store.db
reader=$(dotnet "$dll" keys create --db "$db" --role reviewer --name "reads again $$-$RANDOM" 2>/dev/null)
port=$(( 20000 + RANDOM % 20000 ))
url=http://127.0.0.1:$port
dotnet "${SERVE_DLL:-$dll}" serve --db "$db" --listen "$url" --rate-limit 1000000 >"$dir/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' EXIT
until curl -sf "$url/readyz" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { echo "the server exited before answering; see $dir/serve.log" >&2; exit 1; }
  sleep 0.05
done
for pass in first again; do
  echo "$pass pass, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  dotnet "$dll" bench --http "$url" --key "$reader" --db "$db" --policy "$policy" --requests "$requests" --duration 600 \
    --connections "$connections" --server-pid "$pid"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$pid"; wait "$pid" || true
trap - EXIT
