#!/usr/bin/env bash
# The pages' server time (docs/performance.md, "The pages"): starts `standing serve` on a store (or measures one
# already running: --url, --log, --pid, --keys), signs in with an operator key, an admin key and one seller key for a
# seller of each built-in standard (the sign-in form, its anti-forgery token and the session cookie, as a browser
# does), asks every kind of page --times times in a row on loopback and prints, per page: the server's own time from
# its request log (the "Milliseconds" of each request's record) p50 / p95 / p99 / max, the time to the first byte as
# curl saw it (time_starttransfer: the server's time plus loopback) p50 / p95, the page's size, and the server's CPU
# per ask (user + system from /proc, every ask counted; background work the server does meanwhile counts too).
# Percentiles are nearest-rank (p95 of 20 asks is the 19th fastest, of 12 the slowest). The first answer of each page
# is counted (it may fill a cache); --warm 1 leaves it out.
# The pages: each standard's overview; the sellers list by default, filtered by status, sorted by a metric with a
# range, searched and reversed, paged; a seller's index and its page of each standard, as an operator and as that
# seller (each standard's seller has an open case of it where the store has one); the case queue, filtered, a case;
# the disputes; the standards and one standard; the keys (admin).
# --post N then walks the pages a second time, posting N new orders (POST /v1/events, an integration key;
# the page's seller among them) before each page's asks, so that each page's first answer is its first
# view after new events; every answer of that pass is counted.
# --settle 1 first asks each page once a second until it answers 200 (on a large store a page answers 503 "being
# computed" until the start-up computations are done) and prints how long each took, then waits for the server to
# be idle (its warming of every standard done: the CPU column then counts the asks alone), then measures.
# --only REGEX measures only the pages whose "WHO PATH" matches (bash's =~).
# --save DIR keeps each page's last answer in DIR (WHO_PATH.html, the anti-forgery tokens blanked): two builds' pages
# can then be compared byte for byte.
# --settle 2 only waits for the server to be idle, asking no page: each page's first ask is then its first view.
# --decide N then measures the case queue's first view after a write of cases, N rounds of: a person's decision
# (POST /v1/cases/{id}/decisions, the operator key: a Congocrea warning dismissed, which closes it), then /cases and /cases?state=open&policy=mall once each; prints each one's server time p50 / p95 / max
# over the rounds (every round counted: each view is the first after a write).
#   bench/pages-load.sh --db STORE [--seller ID] [--times N] [--warm 0|1] [--post N] [--settle 0|1|2]
#   bench/pages-load.sh --db STORE --url URL --log SERVER_LOG --pid SERVER_PID --keys KEYS [--times N] [--warm 0|1] [--settle 0|1|2] [--only REGEX] [--save DIR] [--decide N]
# KEYS (for a server already running, whose keys were created before it started) has one key a line:
# "operator KEY", "admin KEY", "seller STANDARD SELLER KEY".
# Uses the Release build of src/Standing.Cli (build it first), or the one in $STANDING_DLL.
set -euo pipefail
cd "$(dirname "$0")/.."
db=""; seller=""; times=20; warm=0; post=0; settle=0; url=""; log=""; pid=""; keys=""; only=""; save=""; decide=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --db) db=$2; shift 2 ;;
    --seller) seller=$2; shift 2 ;;
    --times) times=$2; shift 2 ;;
    --warm) warm=$2; shift 2 ;;
    --post) post=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --url) url=$2; shift 2 ;;
    --log) log=$2; shift 2 ;;
    --pid) pid=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --save) save=$2; shift 2 ;;
    --decide) decide=$2; shift 2 ;;
    *) echo "usage: bench/pages-load.sh --db STORE [--seller ID] [--times N] [--warm 0|1] [--post N] [--settle 0|1|2] [--url URL --log SERVER_LOG --pid SERVER_PID --keys KEYS] [--only REGEX] [--save DIR] [--decide N]" >&2; exit 1 ;;
  esac
done
[[ -f $db ]] || { echo "bench/pages-load.sh: --db STORE is required (an existing store)" >&2; exit 1; }
if [[ -n $url ]]; then
  [[ -f $log && -n $pid && -f $keys ]] || { echo "bench/pages-load.sh: --url needs --log, --pid and --keys" >&2; exit 1; }
  (( post == 0 )) || { echo "bench/pages-load.sh: --post starts its own server (no --url)" >&2; exit 1; }
fi
standards=(congocrea douyin econfiance kuaishou mall pinduoduo promua tmall)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z $url ]]; then
  dll=${STANDING_DLL:-src/Standing.Cli/bin/Release/net10.0/standing.dll}
  [[ -f $dll ]] || { echo "build first: dotnet build src/Standing.Cli -c Release" >&2; exit 1; }
  standing() { dotnet "$dll" "$@"; }
  if [[ -z $seller ]]; then
    seller=$(sqlite3 "$db" "select seller from seller_projection order by seller limit 1 offset 8" 2>/dev/null || true)
    [[ -n $seller ]] || { echo "bench/pages-load.sh: name a seller with --seller" >&2; exit 1; }
  fi
  # The keys, before the server starts. Each standard's seller: one with an open case of it (the page shows the
  # case), or --seller.
  keys=$work/keys
  echo "operator $(standing keys create --db "$db" --role operator --name "pages reader $$-$RANDOM" 2>/dev/null)" >"$keys"
  echo "admin $(standing keys create --db "$db" --role admin --name "pages admin $$-$RANDOM" 2>/dev/null)" >>"$keys"
  for std in "${standards[@]}"; do
    s=$(sqlite3 "$db" "select seller from enforcement_cases where policy = '$std' and closed_at is null order by seller limit 1 offset 7" 2>/dev/null || true)
    [[ -n $s ]] || s=$seller
    echo "seller $std $s $(standing keys create --db "$db" --role seller --seller "$s" --name "pages seller $s $$-$RANDOM" 2>/dev/null)" >>"$keys"
  done
  writer=""
  (( post > 0 )) && writer=$(standing keys create --db "$db" --role integration --name "pages writer $$-$RANDOM" 2>/dev/null)
  port=$(( 20000 + RANDOM % 20000 ))
  url=http://127.0.0.1:$port
  log=$work/serve.log
  dotnet "$dll" serve --db "$db" --listen "$url" --rate-limit 1000000 >"$log" 2>&1 &
  pid=$!
  trap 'kill -TERM "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
fi
[[ -n $seller ]] || seller=$(awk '$1 == "seller" { print $3; exit }' "$keys")
until curl -sf "$url/readyz" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { echo "the server exited before answering:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.05
done
# The server's CPU so far in clock ticks (user + system, /proc/PID/stat): a page's CPU whatever the machine's load.
ticks=$(getconf CLK_TCK)
server_cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
# Signs in with a key into a cookie jar of its own: $1 the jar's name, $2 the key.
sign_in() {
  local jar=$work/$1 token
  token=$(curl -s -c "$jar" "$url/sign-in" | sed -n 's/.*name="__RequestVerificationToken"[^>]*value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "key=$2" --data-urlencode "__RequestVerificationToken=$token" --data "back=/" "$url/sign-in"
}
sign_in operator "$(awk '$1 == "operator" { print $2 }' "$keys")"
sign_in admin "$(awk '$1 == "admin" { print $2 }' "$keys")"
# Each page as "WHO PATH", WHO the cookie jar it is asked with.
pages=()
for std in "${standards[@]}"; do pages+=("operator /overview?policy=$std"); done
pages+=("operator /sellers?policy=congocrea"
  "operator /sellers?policy=mall&status=breach&status=at_risk"
  "operator /sellers?policy=promua&sort=value&metric=negative_review_rate"
  "operator /sellers?policy=mall&metric=cancellation_rate&min=0.5&max=5&sort=value&order=desc"
  "operator /sellers?policy=kuaishou&q=0012&sort=seller&order=desc"
  "operator /sellers?policy=tmall&sort=seller&page=3")
while read -r role std s key; do
  [[ $role == seller ]] || continue
  sign_in "seller-$std" "$key"
  pages+=("operator /sellers/$s" "operator /sellers/$s/$std" "seller-$std /sellers/$s" "seller-$std /sellers/$s/$std")
done <"$keys"
case_id=$(sqlite3 "$db" "select id from enforcement_cases where closed_at is null and policy = 'mall' order by seller, id limit 1" 2>/dev/null || true)
pages+=("operator /cases" "operator /cases?state=open&policy=mall")
[[ -n $case_id ]] && pages+=("operator /cases/$case_id")
pages+=("operator /disputes" "operator /policies" "operator /policies/mall" "admin /keys")
if [[ -n $only ]]; then
  chosen=()
  for entry in "${pages[@]}"; do [[ $entry =~ $only ]] && chosen+=("$entry"); done
  pages=("${chosen[@]}")
fi
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
    s=${sellers[(RANDOM * 32768 + RANDOM) % ${#sellers[@]}]}; (( i == 0 )) && s=$1
    printf '{"id":"bench-%s-%s-%s","type":"order.placed","at":"%s","seller":"%s","order":"bench-o-%s-%s-%s","buyer":"bench-b","ship_by":"%s","deliver_by":"%s","amount":10.0,"currency":"EUR"}\n' \
      "$$" "$batch" "$i" "$latest" "$s" "$$" "$batch" "$i" "$latest" "$latest"
  done | curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $writer" -H 'Content-Type: application/x-ndjson' --data-binary @- "$url/v1/events" \
    | grep -q '^200$' || { echo "bench/pages-load.sh: posting the orders failed" >&2; exit 1; }
}
# The server's time of the request records written since byte $1 of its log, one a line (the log is written
# from a queue: waits up to 5 s for all $2 of them).
server_times() {
  local i
  for ((i = 0; i < 100; i++)); do
    (( $(tail -c +$(( $1 + 1 )) "$log" | grep -c '"Category":"Standing.Server.RequestLog"') >= $2 )) && break
    sleep 0.05
  done
  tail -c +$(( $1 + 1 )) "$log" | sed -n 's/.*"Category":"Standing.Server.RequestLog".*"Milliseconds":\([0-9.]*\).*/\1/p'
}
# Nearest-rank percentiles of the numbers on stdin: prints p50 p95 p99 max.
percentiles() {
  sort -n | awk '{ t[NR] = $1 } END {
    if (NR == 0) { print "- - - -"; exit }
    split("0.50 0.95 0.99", p, " ")
    for (k = 1; k <= 3; k++) { i = int(p[k] * NR); if (i < p[k] * NR) i++; if (i < 1) i = 1; printf "%.1f ", t[i] }
    printf "%.1f\n", t[NR] }'
}
# One pass over the pages: $1 = 1 posts the orders before each page's asks, $2 = 1 leaves each page's first answer out.
pass() {
  local entry who path cpu0 off bad bytes cpu s50 s95 s99 smax c50 c95 c99 cmax
  printf '%-10s %-72s %7s %7s %7s %7s %8s %8s %8s %9s%s\n' who page srv_p50 srv_p95 srv_p99 srv_max ttfb_p50 ttfb_p95 bytes cpu_ms/ask ""
  for entry in "${pages[@]}"; do
    who=${entry%% *}; path=${entry#* }
    (( $1 == 1 )) && post_orders "$seller"
    off=$(stat -c %s "$log")
    cpu0=$(server_cpu)
    for ((i = 0; i < times; i++)); do
      curl -s -b "$work/$who" -o "$work/body" -w '%{http_code} %{time_starttransfer} %{size_download}\n' --max-time 600 "$url$path"
    done >"$work/times"
    cpu=$(( ($(server_cpu) - cpu0) * 1000 / ticks ))
    [[ -z $save ]] || sed 's/name="__RequestVerificationToken" type="hidden" value="[^"]*"/name="__RequestVerificationToken" type="hidden" value=""/g' "$work/body" \
      >"$save/$(printf '%s_%s' "$who" "$path" | tr -c 'A-Za-z0-9_.-' '_').html"
    server_times "$off" "$times" >"$work/server"
    if (( $2 == 1 )); then sed -i 1d "$work/times"; sed -i 1d "$work/server"; fi
    bad=$(awk '$1 != 200' "$work/times" | wc -l)
    bytes=$(tail -1 "$work/times" | cut -d' ' -f3)
    read -r s50 s95 s99 smax < <(percentiles <"$work/server")
    read -r c50 c95 c99 cmax < <(awk '{ printf "%.1f\n", $2 * 1000 }' "$work/times" | percentiles)
    printf '%-10s %-72s %7s %7s %7s %7s %8s %8s %8d %9.1f%s\n' "$who" "$path" "$s50" "$s95" "$s99" "$smax" "$c50" "$c95" "$bytes" \
      "$(awk -v c="$cpu" -v n="$times" 'BEGIN { print c / n }')" "$( (( bad > 0 )) && echo "  ($bad not 200)")"
  done
}
echo "store $db, $url, $times asks per page, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if (( settle >= 1 )); then
  started=$(date +%s)
  (( settle == 2 )) || for entry in "${pages[@]}"; do
    who=${entry%% *}; path=${entry#* }
    until [[ $(curl -s -b "$work/$who" -o /dev/null -w '%{http_code}' --max-time 600 "$url$path") == 200 ]]; do sleep 1; done
    echo "settled: $path ($who) answers 200, $(( $(date +%s) - started )) s after the first ask"
  done
  # And the server idle (its warming of the other standards done): at most 10 ticks of CPU in 3 s (its log writer
  # and timers wake every few milliseconds: on a loaded machine they alone pass 2 ticks), and its threads waited
  # less than 0.3 s in all for a core (/proc/PID/task/*/schedstat): a server starved by other work on a crowded
  # machine gets few ticks while it is still busy.
  # A thread that ends between the glob and the read fails cat: not an error of the check (with pipefail it ended the script).
  waited() { { cat /proc/"$pid"/task/*/schedstat 2>/dev/null || true; } | awk '{ s += $2 } END { printf "%d\n", s / 1000000 }'; }
  while true; do
    c0=$(server_cpu); w0=$(waited); sleep 3
    (( $(server_cpu) - c0 <= 10 && $(waited) - w0 < 300 )) && break
  done
  echo "settled: the server idle $(( $(date +%s) - started )) s after the first ask, having used $(( $(server_cpu) * 1000 / ticks )) ms of CPU"
fi
pass 0 "$warm"
if (( post > 0 )); then
  echo "after posting $post new orders before each page (every answer counted), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  pass 1 0
fi
if (( decide > 0 )); then
  echo "the case queue's first view after a decision, $decide rounds, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  operator_key=$(awk '$1 == "operator" { print $2 }' "$keys")
  mapfile -t issued < <(sqlite3 "file:$db?mode=ro" "select id from enforcement_cases where policy = 'congocrea' and state = 'issued' order by id limit $decide")
  (( ${#issued[@]} == decide )) || { echo "bench/pages-load.sh: --decide needs $decide issued Congocrea warnings" >&2; exit 1; }
  : >"$work/decided"; : >"$work/queue"; : >"$work/filtered"
  for id in "${issued[@]}"; do
    off=$(stat -c %s "$log")
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $operator_key" -H 'Content-Type: application/json' \
      --data '{"decision":"dismiss","note":"bench: the first view of the queue after a decision"}' "$url/v1/cases/$id/decisions")
    [[ $code == 200 ]] || { echo "bench/pages-load.sh: deciding $id answered $code" >&2; exit 1; }
    server_times "$off" 1 | head -1 >>"$work/decided"
    off=$(stat -c %s "$log")
    curl -s -b "$work/operator" -o /dev/null "$url/cases"
    server_times "$off" 1 | head -1 >>"$work/queue"
    off=$(stat -c %s "$log")
    curl -s -b "$work/operator" -o /dev/null "$url/cases?state=open&policy=mall"
    server_times "$off" 1 | head -1 >>"$work/filtered"
  done
  for f in decided queue filtered; do
    read -r s50 s95 s99 smax < <(percentiles <"$work/$f")
    printf '%-10s p50 %7s  p95 %7s  max %7s ms (%d rounds)\n' "$f" "$s50" "$s95" "$smax" "$(wc -l <"$work/$f")"
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
