#!/usr/bin/env bash
# The long fuzz run of issue 16: the property tests of tests/Standing.Data.Tests/Properties (events,
# mutated NDJSON lines, NDJSON files and CSV exports read in memory, mappings, policies) for longer.
#   bench/fuzz.sh                           # SECONDS_PER_PROPERTY each (default 60)
#   FUZZ_ITERATIONS=1000000 bench/fuzz.sh   # or a fixed number of inputs per property
# The properties that make a SQLite store per input run STORE_ITERATIONS inputs (default: their CI
# count) when FUZZ_ITERATIONS is given; the in-memory ones check one input in STORE_EVERY (default
# 2,000) against a real store. Prints the inputs tried per property and the test host's peak memory;
# a failure prints the seed that reproduces it (CsCheck_Seed=… dotnet test …). A hang is an input
# taking 5 s or more. Run it under nice on a shared machine: nice -n 10 bench/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
report=$(mktemp)
export STANDING_FUZZ_REPORT="$report"
if [[ -n "${FUZZ_ITERATIONS:-}" ]]; then
  export STANDING_FUZZ_ITERATIONS="$FUZZ_ITERATIONS"
  [[ -n "${STORE_ITERATIONS:-}" ]] && export STANDING_FUZZ_STORE_ITERATIONS="$STORE_ITERATIONS"
else
  export STANDING_FUZZ_SECONDS="${SECONDS_PER_PROPERTY:-60}"
fi
export STANDING_FUZZ_STORE_EVERY="${STORE_EVERY:-2000}"
dotnet build tests/Standing.Data.Tests -c Release -v q -nologo >/dev/null
status=0
/usr/bin/time -v dotnet test tests/Standing.Data.Tests -c Release --no-build --filter "FullyQualifiedName~Properties" -nologo 2> >(grep -E "Maximum resident set size|Elapsed" >&2) || status=$?
cat "$report"
rm -f "$report"
exit $status
