#!/usr/bin/env bash
# The long fuzz run of issue 16: the readers' property tests (tests/Standing.Data.Tests/Properties and
# tests/Standing.Server.Tests/Properties) run for longer, one test host per reader, one reader at a time:
#   ndjson  events, mutated lines, NDJSON files (in memory, a sample through a store)
#   csv     CSV exports through a mapping (in memory, a sample through a store), mutated mappings
#   policy  mutated policies
#   http    POST /v1/events bodies (read in memory, a sample posted to a real server)
# Knobs (environment):
#   READERS="ndjson csv policy http"   which readers, in this order
#   FUZZ_ITERATIONS=1000000            inputs per property; else SECONDS_PER_PROPERTY (default 60) each
#   STORE_ITERATIONS=N                 inputs of the properties that make a store or post per input
#                                      (default: their test-run count) when FUZZ_ITERATIONS is given
#   STORE_EVERY=2000                   one in-memory input in N also checked against a real store/server
#   NO_BUILD=1                         use the Release build already there
#   HOST_TIMEOUT=7200                  seconds a reader's host may run before it counts as hung
# Per reader it prints the inputs tried per property, failures (a failing input's seed reproduces it:
# CsCheck_Seed=… dotnet test …), crashes (the host ended without a result), hangs (an input taking
# 5 s or more, or the host over HOST_TIMEOUT), peak resident memory and wall time, then a summary line.
# On a shared machine: FUZZ_ITERATIONS=1000000 nice -n 10 bench/fuzz.sh
set -uo pipefail
cd "$(dirname "$0")/.."
readers=${READERS:-ndjson csv policy http}
if [[ -n "${FUZZ_ITERATIONS:-}" ]]; then
  export STANDING_FUZZ_ITERATIONS="$FUZZ_ITERATIONS"
  [[ -n "${STORE_ITERATIONS:-}" ]] && export STANDING_FUZZ_STORE_ITERATIONS="$STORE_ITERATIONS"
else
  export STANDING_FUZZ_SECONDS="${SECONDS_PER_PROPERTY:-60}"
fi
export STANDING_FUZZ_STORE_EVERY="${STORE_EVERY:-2000}"

project() { [[ $1 == http ]] && echo tests/Standing.Server.Tests || echo tests/Standing.Data.Tests; }

if [[ -z "${NO_BUILD:-}" ]]; then
  for r in $readers; do project "$r"; done | sort -u | while read -r p; do
    dotnet build "$p" -c Release -v q -nologo >/dev/null || { echo "build of $p failed" >&2; exit 2; }
  done || exit 2
fi

status=0
summary=()
for r in $readers; do
  report=$(mktemp) log=$(mktemp) timing=$(mktemp)
  export STANDING_FUZZ_REPORT="$report"
  start=$(date +%s)
  timeout --signal=KILL "${HOST_TIMEOUT:-7200}" /usr/bin/time -v -o "$timing" \
    dotnet test "$(project "$r")" -c Release --no-build --filter "Reader=$r" -nologo >"$log" 2>&1
  code=$?
  wall=$(( $(date +%s) - start ))
  inputs=$(awk -F': ' '{split($2, a, " "); gsub(",", "", a[1]); n += a[1]} END {print n + 0}' "$report")
  failed=$(grep -ac '\[FAIL\]' "$log")
  hangs=$(grep -acE 'took [0-9:.]+ on:' "$log")
  crashes=0
  if grep -aqE 'Test host process crashed|aborted|The active test run was aborted' "$log"; then crashes=1; fi
  if [[ $code -eq 137 ]]; then hangs=$((hangs + 1)); fi          # killed by the timeout: the host hung
  if ! grep -aqE '^(Passed|Failed)!' "$log" && [[ $code -ne 137 ]]; then crashes=1; fi
  peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$timing")
  echo "== $r (exit $code, ${wall} s wall, peak ${peak:-?} MB)"
  cat "$report"
  grep -aE '^(Passed|Failed)!' "$log"
  if [[ $failed -gt 0 || $crashes -gt 0 || $code -ne 0 ]]; then
    grep -aE 'Set seed|took [0-9:.]+ on:|\[FAIL\]|crashed|aborted' "$log" | head -40
    status=1
  fi
  summary+=("$r: ${inputs} inputs, ${failed} failures, ${crashes} crashes, ${hangs} hangs over 5 s, peak ${peak:-?} MB, ${wall} s")
  rm -f "$report" "$log" "$timing"
done
echo "== summary"
printf '%s\n' "${summary[@]}"
exit $status
