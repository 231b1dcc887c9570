#!/usr/bin/env bash
# Measures the service side by side and prints every performance target with its figure:
#   - throughput of POST /api/v1/recommendations vs GET /q/health/live, same server, same run;
#   - p99 latency of the POST, and that no answer was other than 2xx;
#   - process start to /q/health/ready answering 200 (the packaged jar, full rule catalogue);
#   - a batch of 1,000 profiles;
#   - one round of the POST asking for gzip (Accept-Encoding), recording off: wrk sends none otherwise;
#   - one round of the POST with 10,000 different profiles (bench/post-varied.lua), recording off:
#     the other rounds ask for one profile, whose advice the service keeps (advisor.rules.advice-memo);
#   - all of it twice: with decision recording on (the default: every answer committed to the
#     embedded database before it is sent) and off (advisor.decisions.enabled=false), and, with
#     recording on, the answers the server sent (its metrics) against the records in the database.
# The packaged jar runs as a user would start it, java -Xmx128m -jar (the JVM's default collector,
# G1 on a server-class machine); wrk runs 2 threads and 16 connections on loopback, after a warm-up.
#
# Usage: bench/load.sh [--rebuild]      (from anywhere; builds the jar if it is missing)
# Env:   PORT (18080), ROUNDS (3) of DURATION (10s) per endpoint, WARMUP (20s), WARMUP_MAX (180s), JAVA_OPTS,
#        STARTS (5)
# Warm-up: each endpoint is loaded for at least WARMUP and then until the JIT settles (fewer than 50 methods
# compiled in 5 s, by jstat), at most WARMUP_MAX: on a slow machine the compiler runs for a minute or more,
# and rounds measured while it does measure the compiler.
# Exit:  0 when every target is met, 1 otherwise. Rule evaluation alone: ./mvnw -Pjmh test -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-20s}
WARMUP_MAX=${WARMUP_MAX:-180s}
STARTS=${STARTS:-5}
JAVA_OPTS=${JAVA_OPTS:--Xmx128m}
JAR=target/quarkus-app/quarkus-run.jar
BASE=http://localhost:$PORT
WORK=$(mktemp -d)
PID=""
trap 'stop; rm -rf "$WORK"' EXIT

need_root() { if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo "$@"; else "$@"; fi; }
if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk…"
  need_root apt-get install -y wrk >/dev/null 2>&1 || { need_root apt-get update >/dev/null && need_root apt-get install -y wrk >/dev/null; }
fi
if [ "${1:-}" = "--rebuild" ] || [ ! -f "$JAR" ]; then
  echo "Building the packaged jar…"
  ./mvnw -q -B package -DskipTests
fi

now_ms() { date +%s%3N; }
start() { # extra java options, e.g. -Dadvisor.decisions.enabled=false
  # shellcheck disable=SC2086 # JAVA_OPTS holds several options
  (cd "$WORK" && exec java $JAVA_OPTS -Dquarkus.http.port="$PORT" -Dadvisor.data-dir="$DATA" "$@" -jar "$OLDPWD/$JAR" \
    >"$WORK/app.log" 2>&1) &
  PID=$!
}
stop() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; fi; }
await_ready() {
  until curl -sf -o /dev/null "$BASE/q/health/ready"; do
    kill -0 "$PID" 2>/dev/null || { echo "the service died:"; cat "$WORK/app.log"; exit 1; }
    sleep 0.01
  done
}

# 1. Start to ready, STARTS times, from a folder without rules (the packaged jar, packaged rules).
DATA=$WORK/data-starts
starts=()
for _ in $(seq "$STARTS"); do
  t0=$(now_ms); start; await_ready; starts+=($(( $(now_ms) - t0 ))); stop
done
start_ms=$(printf '%s\n' "${starts[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
start_max=$(printf '%s\n' "${starts[@]}" | sort -n | tail -1)

# Loads one endpoint (a label, then wrk's arguments) for at least WARMUP, then until the JIT compiles
# fewer than 50 methods in 5 s or WARMUP_MAX has passed; without jstat (a JRE), for WARMUP only.
warmed=()
warm() {
  local label=$1 t0 most before after
  shift; t0=$(date +%s); most=${WARMUP_MAX%s}
  wrk -t2 -c16 -d"$WARMUP" "$@" >/dev/null
  if command -v jstat >/dev/null 2>&1; then
    after=$(compiled)
    while [ $(( $(date +%s) - t0 )) -lt "$most" ]; do
      before=$after
      wrk -t2 -c16 -d5s "$@" >/dev/null
      after=$(compiled)
      [ $((after - before)) -ge 50 ] || break
    done
  fi
  warmed+=("$label $(( $(date +%s) - t0 ))s")
}
compiled() { jstat -compiler "$PID" 2>/dev/null | awk 'NR == 2 {print $1}' | grep . || echo 0; }

# 2.-3. One server: throughput and latency, then a batch. Usage: measure LABEL [java options]
measure() {
  # 2. Throughput and latency, one server, after a warm-up of both endpoints.
  DATA=$WORK/data-$1; mode=$1; shift; start "$@"; await_ready
  warm "$mode: POST" -s bench/post.lua "$BASE/api/v1/recommendations"
  warm "$mode: live" "$BASE/q/health/live"
  # The two endpoints alternate, ROUNDS times, so that both see the same drift of a shared machine;
  # throughput is all requests over all time, per endpoint.
  post_req=0; post_s=0; live_req=0; live_s=0; non2xx=0; errors=0; p99s=()
  secs() { awk '/requests in/ {v=$4; sub(",","",v); if (v ~ /ms$/) {sub("ms","",v); v/=1000} else if (v ~ /m$/) {sub("m","",v); v*=60} else {sub("s","",v)}; print v}'; }
  to_ms() { awk '{v=$1; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; printf "%.2f", v}'; }
  for _ in $(seq "$ROUNDS"); do
    post=$(wrk -t2 -c16 -d"$DURATION" --latency -s bench/post.lua "$BASE/api/v1/recommendations")
    live=$(wrk -t2 -c16 -d"$DURATION" "$BASE/q/health/live")
    post_req=$((post_req + $(awk '/requests in/ {print $1}' <<<"$post")))
    live_req=$((live_req + $(awk '/requests in/ {print $1}' <<<"$live")))
    post_s=$(awk -v a="$post_s" -v b="$(secs <<<"$post")" 'BEGIN {print a + b}')
    live_s=$(awk -v a="$live_s" -v b="$(secs <<<"$live")" 'BEGIN {print a + b}')
    non2xx=$((non2xx + $(awk '/Non-2xx/ {print $NF}' <<<"$post" | grep . || echo 0)))
    errors=$((errors + $(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$post" | grep . || echo 0)))
    p99s+=("$(awk '$1=="99%" {print $2}' <<<"$post" | to_ms)")
  done
  # With Accept-Encoding: gzip (bench/post-gzip.lua), recording off only: what compression costs.
  gzip_rps=""
  if [ "${1:-}" = "-Dadvisor.decisions.enabled=false" ]; then
    gzip=$(wrk -t2 -c16 -d"$DURATION" --latency -s bench/post-gzip.lua "$BASE/api/v1/recommendations")
    gzip_rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$gzip")
    gzip_p99=$(awk '$1=="99%" {print $2}' <<<"$gzip" | to_ms)
    # Every request a profile of its own: each is evaluated (the memo seldom holds it). Warmed up first,
    # like the other rounds: new profiles reach code the single profile never does.
    warm "$mode: varied" -s bench/post-varied.lua "$BASE/api/v1/recommendations"
    varied=$(wrk -t2 -c16 -d"$DURATION" --latency -s bench/post-varied.lua "$BASE/api/v1/recommendations")
    varied_rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$varied")
    varied_p99=$(awk '$1=="99%" {print $2}' <<<"$varied" | to_ms)
  fi
  post_rps=$(awk -v r="$post_req" -v s="$post_s" 'BEGIN {printf "%.0f", r/s}')
  live_rps=$(awk -v r="$live_req" -v s="$live_s" 'BEGIN {printf "%.0f", r/s}')
  p99_ms=$(printf '%s\n' "${p99s[@]}" | sort -n | tail -1)
  ratio=$(awk -v p="$post_rps" -v l="$live_rps" 'BEGIN {printf "%.3f", p/l}')

  # 3. A batch of 1,000 varied profiles: the best of 5 after 3 warm-ups.
  {
    entities=(INDIVIDUAL ENTERPRISE GOVERNMENT MEDIA OTHER_ORGANIZATION)
    presences=(NONE SINGLE_LOCATION MULTIPLE_LOCATIONS)
    cadences=(NONE MONTHLY WEEKLY SEVERAL_PER_WEEK DAILY)
    industries=(LEGAL PHOTOGRAPHY TOURISM CATERING RETAIL EDUCATION GOVERNMENT_AFFAIRS MEDIA_PUBLISHING OTHER)
    printf '['
    for i in $(seq 0 999); do
      [ "$i" -gt 0 ] && printf ','
      printf '{"entityType":"%s","wantsPayment":%s,"offlinePresence":"%s","contentCadence":"%s","industry":"%s","goals":["SELL_PRODUCTS","BOOKINGS"],"needsProactivePush":%s,"externalId":"lead-%d"}' \
        "${entities[i % 5]}" "$([ $((i % 2)) -eq 0 ] && echo true || echo false)" "${presences[i % 3]}" \
        "${cadences[i % 5]}" "${industries[i % 9]}" "$([ $((i % 3)) -eq 0 ] && echo true || echo false)" "$i"
    done
    printf ']'
  } >"$WORK/batch.json"
  batch() { curl -s -o "$WORK/batch.out" -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
    --data-binary @"$WORK/batch.json" "$BASE/api/v1/recommendations/batch"; }
  for _ in 1 2 3; do batch >/dev/null; done
  batch_s=9; batch_status=200
  for _ in 1 2 3 4 5; do
    read -r code secs < <(batch)
    [ "$code" = 200 ] || batch_status=$code
    batch_s=$(awk -v a="$batch_s" -v b="$secs" 'BEGIN {print (b < a) ? b : a}')
  done
  batch_items=$(grep -o '"index":' "$WORK/batch.out" | wc -l)
  # Answers sent, by the server's own count: single answers plus 1,000 per batch (warm-ups included).
  # Requests whose client left before the answer (wrk stops mid-request at the end of a run) are
  # shown beside them: each may or may not have been recorded, depending on when the client left.
  metrics=$(curl -s "$BASE/q/metrics" | grep '^http_server_requests_seconds_count{method="POST"')
  answers=$(awk '/status="200"/ { n = $NF + 0; if ($0 ~ /batch/) n *= 1000; sum += n } END {printf "%d", sum}' <<<"$metrics")
  left=$(awk '/status="RESET"/ && !/batch/ { sum += $NF } END {printf "%d", sum}' <<<"$metrics")
  stop
  records=$(java -cp "$(ls target/quarkus-app/lib/main/com.h2database.h2-*.jar)" org.h2.tools.Shell \
    -url "jdbc:h2:file:$DATA/decisions" -user advisor -password "" -sql "SELECT COUNT(*) FROM decision" 2>/dev/null \
    | awk '/^[0-9]+ *$/ {print $1}' | head -1)
  records=${records:-0}
}

measure off -Dadvisor.decisions.enabled=false
off_gzip_rps=$gzip_rps; off_gzip_p99=$gzip_p99; off_varied_rps=$varied_rps; off_varied_p99=$varied_p99; off_post_rps=$post_rps; off_live_rps=$live_rps; off_ratio=$ratio; off_p99_ms=$p99_ms; off_batch_s=$batch_s
measure on
on_errors="$non2xx, $errors"

# 4. The figures beside the targets.
met=0
row() { # name, measured, target, ok (empty: a figure without a target)
  local verdict=""
  if [ -n "$4" ]; then verdict=$([ "$4" = 1 ] && echo met || echo "NOT MET"); fi
  printf '%-44s %-28s %-10s %s\n' "$1" "$2" "$3" "$verdict"
  [ "$4" != 0 ] || met=1
}
le() { awk -v a="$1" -v b="$2" 'BEGIN {print (a <= b) ? 1 : 0}'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN {print (a >= b) ? 1 : 0}'; }
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1)"
echo "Java options: $JAVA_OPTS; wrk -t2 -c16, $ROUNDS rounds of $DURATION per endpoint, alternating"
echo "Warm-ups (each at least $WARMUP, then until the JIT compiled fewer than 50 methods in 5 s, at most"
echo "  $WARMUP_MAX): $(IFS=,; echo "${warmed[*]}" | sed 's/,/, /g')"
echo "POST answers are uncompressed (wrk sends no Accept-Encoding) except in the gzipped round"
echo "Load average (1, 5, 15 min) at the end: $(cut -d" " -f1-3 /proc/loadavg)"
echo
printf '%-44s %-28s %-10s %s\n' "figure" "measured" "target" ""
echo "Recording off (advisor.decisions.enabled=false):"
row "POST /api/v1/recommendations (req/s)" "$off_post_rps" "" ""
row "GET /q/health/live (req/s)" "$off_live_rps" "" ""
row "throughput ratio POST / live" "$off_ratio" ">= 0.4" "$(ge "$off_ratio" 0.4)"
row "POST p99 latency, worst round (ms)" "$off_p99_ms" "<= 5" "$(le "$off_p99_ms" 5)"
row "batch of 1,000 profiles (s)" "$off_batch_s" "" ""
row "POST gzipped, one round (req/s, p99 ms)" "$off_gzip_rps, $off_gzip_p99" "" ""
row "POST 10,000 profiles, one round (req/s, p99 ms)" "$off_varied_rps, $off_varied_p99" "" ""
off_varied_ratio=$(awk -v p="$off_varied_rps" -v l="$off_live_rps" 'BEGIN {printf "%.3f", p/l}')
row "  its ratio to live (each profile evaluated)" "$off_varied_ratio" ">= 0.4" "$(ge "$off_varied_ratio" 0.4)"
echo "Recording on (the default; embedded database):"
row "POST /api/v1/recommendations (req/s)" "$post_rps" "" ""
row "GET /q/health/live (req/s)" "$live_rps" "" ""
row "throughput ratio POST / live" "$ratio" ">= 0.3" "$(ge "$ratio" 0.3)"
row "POST p99 latency, worst round (ms)" "$p99_ms" "<= 10" "$(le "$p99_ms" 10)"
row "POST answers other than 2xx, socket errors" "$on_errors" "0, 0" "$([ "$on_errors" = "0, 0" ] && echo 1 || echo 0)"
row "answers sent / records (client left)" "$answers / $records ($left)" "answers..+left" "$([ "$answers" -gt 0 ] && [ "$records" -ge "$answers" ] && [ "$records" -le $((answers + left)) ] && echo 1 || echo 0)"
row "start to ready, median of $STARTS (ms)" "$start_ms (max $start_max)" "<= 3000" "$(le "$start_ms" 3000)"
row "batch of 1,000 profiles (s)" "$batch_s ($batch_items items, $batch_status)" "<= 1" "$([ "$batch_status" = 200 ] && [ "$batch_items" = 1000 ] && le "$batch_s" 1 || echo 0)"
echo
[ "$met" = 0 ] && echo "All targets met." || echo "Some targets are not met."
exit "$met"
