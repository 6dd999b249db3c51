#!/usr/bin/env bash
# The pages' server time (docs/performance.md, "The pages"): starts `standing serve` on a store, signs in
# with a new operator key (the sign-in form, its anti-forgery token and the session cookie, as a browser
# does), asks each page --times times in a row on loopback and prints, per page, the time to the first
# byte (curl's time_starttransfer: the server's time plus loopback) p50 / p95 / max in ms, and the page's
# size, and the server's CPU per ask (user + system from /proc, every ask counted; background work the server does
# meanwhile counts too). The first answer of each page is counted (it may fill a cache); --warm 1 leaves it out.
# --post N then walks the pages a second time, posting N new orders (POST /v1/events, an integration key;
# the page's seller among them) before each page's asks, so that each page's first answer is its first
# view after new events; every answer of that pass is counted.
# --settle 1 first asks each page once a second until it answers 200 (on a large store a page answers 503 "being
# computed" until the start-up computations are done) and prints how long each took, then waits for the server to
# be idle (its warming of every standard done: the CPU column then counts the asks alone), then measures.
#   bench/pages-load.sh --db STORE [--seller ID] [--times N] [--warm 0|1] [--post N] [--settle 0|1]
# Uses the Release build of src/Standing.Cli (build it first), or the one in $STANDING_DLL.
set -euo pipefail
cd "$(dirname "$0")/.."
db=""; seller=""; times=20; warm=0; post=0; settle=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --db) db=$2; shift 2 ;;
    --seller) seller=$2; shift 2 ;;
    --times) times=$2; shift 2 ;;
    --warm) warm=$2; shift 2 ;;
    --post) post=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    *) echo "usage: bench/pages-load.sh --db STORE [--seller ID] [--times N] [--warm 0|1] [--post N] [--settle 0|1]" >&2; exit 1 ;;
  esac
done
[[ -f $db ]] || { echo "bench/pages-load.sh: --db STORE is required (an existing store)" >&2; exit 1; }
dll=${STANDING_DLL:-src/Standing.Cli/bin/Release/net10.0/standing.dll}
[[ -f $dll ]] || { echo "build first: dotnet build src/Standing.Cli -c Release" >&2; exit 1; }
standing() { dotnet "$dll" "$@"; }
if [[ -z $seller ]]; then
  seller=$(sqlite3 "$db" "select seller from seller_projection order by seller limit 1 offset 8" 2>/dev/null || true)
  [[ -n $seller ]] || { echo "bench/pages-load.sh: name a seller with --seller" >&2; exit 1; }
fi
key=$(standing keys create --db "$db" --role operator --name "pages reader $$-$RANDOM" 2>/dev/null)
writer=""
(( post > 0 )) && writer=$(standing keys create --db "$db" --role integration --name "pages writer $$-$RANDOM" 2>/dev/null)
work=$(mktemp -d)
port=$(( 20000 + RANDOM % 20000 ))
url=http://127.0.0.1:$port
dotnet "$dll" serve --db "$db" --listen "$url" --rate-limit 1000000 >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf "$url/readyz" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { echo "the server exited before answering:" >&2; cat "$work/serve.log" >&2; exit 1; }
  sleep 0.05
done
# The server's CPU so far in clock ticks (user + system, /proc/PID/stat): a page's CPU whatever the machine's load.
ticks=$(getconf CLK_TCK)
server_cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
jar=$work/cookies
token=$(curl -s -c "$jar" "$url/sign-in" | sed -n 's/.*name="__RequestVerificationToken"[^>]*value="\([^"]*\)".*/\1/p' | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "key=$key" --data-urlencode "__RequestVerificationToken=$token" --data "back=/" "$url/sign-in"
# The new orders are stamped at the store's latest event (before the latest run's as-of: they count).
latest=$(sqlite3 "$db" "select strftime('%Y-%m-%dT%H:%M:%SZ', max(last_at) / 1000000, 'unixepoch') from seller_projection" 2>/dev/null || true)
[[ -n $latest || $post -eq 0 ]] || { echo "bench/pages-load.sh: --post needs a SQLite store with events" >&2; exit 1; }
sellers=()
(( post > 0 )) && mapfile -t sellers < <(sqlite3 "$db" "select seller from seller_projection order by seller")
batch=0
post_orders() {
  batch=$((batch + 1))
  local i s
  for ((i = 0; i < post; i++)); do
    s=${sellers[(RANDOM * 32768 + RANDOM) % ${#sellers[@]}]}; (( i == 0 )) && s=$seller
    printf '{"id":"bench-%s-%s-%s","type":"order.placed","at":"%s","seller":"%s","order":"bench-o-%s-%s-%s","buyer":"bench-b","ship_by":"%s","deliver_by":"%s","amount":10.0,"currency":"EUR"}\n' \
      "$$" "$batch" "$i" "$latest" "$s" "$$" "$batch" "$i" "$latest" "$latest"
  done | curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $writer" -H 'Content-Type: application/x-ndjson' --data-binary @- "$url/v1/events" \
    | grep -q '^200$' || { echo "bench/pages-load.sh: posting the orders failed" >&2; exit 1; }
}
pages=("/sellers/$seller" "/sellers/$seller/congocrea" "/sellers/$seller/promua" "/sellers/$seller/mall"
  "/overview?policy=congocrea" "/overview?policy=promua" "/sellers?policy=congocrea" "/sellers?policy=promua&sort=value&metric=negative_review_rate"
  "/cases" "/disputes" "/policies")
# One pass over the pages: $1 = 1 posts the orders before each page's asks, $2 = 1 leaves each page's first answer out.
pass() {
  local path
  printf '%-44s %8s %8s %8s %10s %12s\n' page p50_ms p95_ms max_ms bytes cpu_ms/ask
  for path in "${pages[@]}"; do
    (( $1 == 1 )) && post_orders
    cpu0=$(server_cpu)
    for ((i = 0; i < times; i++)); do
      curl -s -b "$jar" -o /dev/null -w '%{http_code} %{time_starttransfer} %{size_download}\n' --max-time 600 "$url$path"
    done >"$work/times"
    (( $2 == 1 )) && sed -i 1d "$work/times"
    cpu=$(( ($(server_cpu) - cpu0) * 1000 / ticks ))
    bad=$(awk '$1 != 200' "$work/times" | wc -l)
    bytes=$(tail -1 "$work/times" | cut -d' ' -f3)
    awk '{ printf "%.1f\n", $2 * 1000 }' "$work/times" | sort -n | awk -v path="$path" -v bytes="$bytes" -v bad="$bad" -v cpu="$cpu" -v n="$times" '
      { t[NR] = $1 }
      END {
        i50 = int((NR - 1) * 0.50) + 1; i95 = int((NR - 1) * 0.95 + 0.999999) + 1
        printf "%-44s %8.1f %8.1f %8.1f %10d %12.1f%s\n", path, t[i50], t[i95], t[NR], bytes, cpu / n, (bad > 0 ? "  (" bad " not 200)" : "")
      }'
  done
}
echo "store $db, seller $seller, $times asks per page, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if (( settle == 1 )); then
  started=$(date +%s)
  for path in "${pages[@]}"; do
    until [[ $(curl -s -b "$jar" -o /dev/null -w '%{http_code}' --max-time 600 "$url$path") == 200 ]]; do sleep 1; done
    echo "settled: $path answers 200, $(( $(date +%s) - started )) s after the first ask"
  done
  # And the server idle (its warming of the other standards done): at most 10 ticks of CPU in 3 s (its log writer
  # and timers wake every few milliseconds: on a loaded machine they alone pass 2 ticks).
  while true; do c0=$(server_cpu); sleep 3; (( $(server_cpu) - c0 <= 10 )) && break; done
  echo "settled: the server idle $(( $(date +%s) - started )) s after the first ask, having used $(( $(server_cpu) * 1000 / ticks )) ms of CPU"
fi
pass 0 "$warm"
if (( post > 0 )); then
  echo "after posting $post new orders before each page (every answer counted), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  pass 1 0
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
