#!/usr/bin/env bash
# Startup time of `standing serve`: from starting the process to the first /readyz answer, N runs.
#   bench/serve-startup.sh --db TARGET [RUNS]     (TARGET: a SQLite file or a PostgreSQL URL; RUNS default 5)
# Uses the Release build of src/Standing.Cli (build it first); prints each run's milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ "${1:-}" == "--db" && -n "${2:-}" ]] || { echo "usage: bench/serve-startup.sh --db TARGET [RUNS]" >&2; exit 1; }
db=$2; runs=${3:-5}
dll=src/Standing.Cli/bin/Release/net10.0/standing.dll
[[ -f $dll ]] || { echo "build first: dotnet build src/Standing.Cli -c Release" >&2; exit 1; }
port=$(( 20000 + RANDOM % 20000 ))
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  dotnet "$dll" serve --db "$db" --listen "http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "the server exited before answering" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  echo "run $i: $(( (end - start) / 1000000 )) ms to /readyz"
  kill -TERM "$pid"; wait "$pid" || true  # SIGTERM: a background job of a script ignores SIGINT
done
