#!/usr/bin/env bash
# The long fuzz run of issue 16: the property tests of tests/Standing.Data.Tests/Properties (events,
# mutated NDJSON lines, ingest into a real SQLite store, CSV exports, mappings, policies) for longer.
#   bench/fuzz.sh                 # SECONDS per property (default 60)
#   FUZZ_ITERATIONS=1000000 bench/fuzz.sh   # or a fixed number of inputs per property
# Prints the inputs tried per property and the test host's peak memory; a failure prints the seed
# that reproduces it (CsCheck_Seed=… dotnet test …). A hang is an input taking 5 s or more.
set -euo pipefail
cd "$(dirname "$0")/.."
report=$(mktemp)
export STANDING_FUZZ_REPORT="$report"
if [[ -n "${FUZZ_ITERATIONS:-}" ]]; then export STANDING_FUZZ_ITERATIONS="$FUZZ_ITERATIONS"; else export STANDING_FUZZ_SECONDS="${SECONDS_PER_PROPERTY:-60}"; fi
dotnet build tests/Standing.Data.Tests -v q -nologo >/dev/null
status=0
/usr/bin/time -v dotnet test tests/Standing.Data.Tests --no-build --filter "FullyQualifiedName~Properties" -nologo 2> >(grep -E "Maximum resident set size|Elapsed" >&2) || status=$?
cat "$report"
rm -f "$report"
exit $status
