#!/usr/bin/env bash
# Webhooks: what a registered endpoint costs the answers, and how long its events take to arrive.
#   1. POST /api/v1/recommendations under wrk (2 threads, 16 connections, DURATION), tenant default
#      without an endpoint: answers/s;
#   2. the same with one endpoint registered (a local Node receiver answering 204 at once): answers/s,
#      then the time until every event of that round arrived, and each event's lag (arrival minus the
#      decision's timestamp: p50, p99, max).
# Usage: bench/webhooks.sh      (builds the packaged jar if it is missing; needs wrk and node)
# Env:   PORT (18090), RECEIVER_PORT (18091), DURATION (10s), WARMUP (15s), JAVA_OPTS (-Xmx128m)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18090}
RECEIVER_PORT=${RECEIVER_PORT:-18091}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-15s}
JAVA_OPTS=${JAVA_OPTS:--Xmx128m}
JAR=target/quarkus-app/quarkus-run.jar
BASE=http://localhost:$PORT
TOKEN=bench-webhooks-token
WORK=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null && command -v node >/dev/null || { echo "needs wrk and node (apt-get install wrk nodejs)"; exit 1; }
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests

# The receiver: counts events and writes each one's lag in ms (now - data timestamp) to lags.txt.
cat >"$WORK/receiver.js" <<'JS'
const http = require('http'), fs = require('fs');
const out = fs.createWriteStream(process.argv[3]);
http.createServer((req, res) => {
  const parts = [];
  req.on('data', c => parts.push(c));
  req.on('end', () => {
    const event = JSON.parse(Buffer.concat(parts));
    out.write((Date.now() - Date.parse(event.timestamp)) + '\n');
    res.writeHead(204); res.end();
  });
}).listen(Number(process.argv[2]), '127.0.0.1');
JS
node "$WORK/receiver.js" "$RECEIVER_PORT" "$WORK/lags.txt" & PIDS+=($!)

(cd "$WORK" && exec java $JAVA_OPTS -Dquarkus.http.port="$PORT" -Dadvisor.data-dir="$WORK/data" \
  -Dadvisor.admin-token=$TOKEN -Dadvisor.webhooks.allow-http-hosts=127.0.0.1 -jar "$OLDPWD/$JAR" >"$WORK/app.log" 2>&1) &
PIDS+=($!)
until curl -sf -o /dev/null "$BASE/q/health/ready"; do sleep 0.05; done

rate() { wrk -t2 -c16 -d"$1" -s bench/post.lua "$BASE/api/v1/recommendations" | awk '/Requests\/sec/ {print $2}'; }
rate "$WARMUP" >/dev/null
without=$(rate "$DURATION")
curl -sf -X POST "$BASE/api/v1/tenants/default/webhooks" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d "{\"url\":\"http://127.0.0.1:$RECEIVER_PORT/hook\",\"channels\":[\"API\"]}" >/dev/null
t0=$(date +%s%3N)
with=$(rate "$DURATION")
# Every answer of the round made one event: wait until the receiver has them all (wrk's count).
total=$(awk -v r="$with" -v d="${DURATION%s}" 'BEGIN {printf "%d", r * d * 0.98}')
until [ "$(grep -c . "$WORK/lags.txt")" -ge "$total" ]; do
  sleep 1; echo "  $(grep -c . "$WORK/lags.txt") of $total events arrived" >&2
done
drained=$(( $(date +%s%3N) - t0 ))
count=$(grep -c . "$WORK/lags.txt")
sort -n "$WORK/lags.txt" >"$WORK/sorted.txt"
pct() { sed -n "$(awk -v n="$count" -v p="$1" 'BEGIN {i = int(n * p / 100); if (i < 1) i = 1; print i}')p" "$WORK/sorted.txt"; }
echo "answers/s without an endpoint: $without"
echo "answers/s with one endpoint:   $with"
echo "events received: $count (at least $total expected), all in $drained ms from the round's start"
echo "event lag ms: p50 $(pct 50), p99 $(pct 99), max $(tail -1 "$WORK/sorted.txt")"
