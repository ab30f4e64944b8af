#!/usr/bin/env bash
# The proxy part of bench/run.sh on its own, for before/after comparisons of the platform call path:
# the sandbox as its own process, our server in front of it (`--api-base-url`), `tools/call projects_list`
# via POST /mcp against `GET /v1/projects` straight to the sandbox, key `full`.
#
#   bash bench/proxy.sh BIN [BIN2]        oha c=1 and c=16 for each binary, alternated ROUNDS times
#   CALLGRIND=1 bash bench/proxy.sh BIN   instructions per proxied call (and per ping) of our server
#
# env: DURATION (oha seconds, default 5), ROUNDS (default 3), CALLS (callgrind calls, default 2000)
set -euo pipefail

DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-3}
CALLS=${CALLS:-2000}
TMP=$(mktemp -d)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
die() { echo "proxy bench: $*" >&2; exit 1; }
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
wait_health() {
  local port=$1 i
  for i in $(seq 1 1200); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/health" 2>/dev/null && return 0
    sleep 0.05
  done
  return 1
}
CALL='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"projects_list","arguments":{}}}'
PING='{"jsonrpc":"2.0","id":1,"method":"ping"}'
echo "$CALL" > "$TMP/call.json"

# Starts the sandbox with BIN ($1); sets SB_PORT, SB_PID, KEY.
start_sandbox() {
  SB_PORT=$(free_port)
  RUST_LOG=warn "$1" sandbox --host 127.0.0.1 --port "$SB_PORT" --seed 7 > "$TMP/sandbox.log" 2>&1 &
  SB_PID=$!
  PIDS+=("$SB_PID")
  for _ in $(seq 1 2400); do grep -q '^  hlk_[^ ]*  full  ' "$TMP/sandbox.log" 2>/dev/null && break; sleep 0.05; done
  KEY=$(awk '$1 ~ /^hlk_/ && $2 == "full" {print $1; exit}' "$TMP/sandbox.log")
  [ -n "$KEY" ] || { cat "$TMP/sandbox.log" >&2; die "no 'full' key"; }
}

# N sequential POSTs of body $3 to port $1 with key $2 on one keep-alive connection.
post_loop() {
  python3 - "$1" "$2" "$3" "$4" <<'EOF'
import http.client, sys
port, key, body, n = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode(), int(sys.argv[4])
c = http.client.HTTPConnection("127.0.0.1", port)
h = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
     "Authorization": "Bearer " + key}
for _ in range(n):
    c.request("POST", "/mcp", body, h)
    r = c.getresponse()
    data = r.read()
    if r.status != 200 or b'"isError":true' in data:
        sys.exit("bad answer: %d %r" % (r.status, data[:300]))
EOF
}

if [ "${CALLGRIND:-0}" = 1 ]; then
  BIN=$1
  start_sandbox "$BIN"
  PX_PORT=$(free_port)
  # The tunables already set, so the server does not re-exec itself out of valgrind (src/malloc_tuning.rs).
  GLIBC_TUNABLES=glibc.malloc.trim_threshold=131072:glibc.malloc.arena_max=2 RUST_LOG=warn valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" \
    "$BIN" --host 127.0.0.1 --port "$PX_PORT" --api-base-url "http://127.0.0.1:$SB_PORT" \
    > "$TMP/proxy.log" 2>&1 &
  PX_PID=$!
  PIDS+=("$PX_PID")
  wait_health "$PX_PORT" || { cat "$TMP/proxy.log" >&2; die "server did not come up"; }
  per_call() { # label body
    post_loop "$PX_PORT" "$KEY" "$2" 200
    callgrind_control -z "$PX_PID" > /dev/null
    post_loop "$PX_PORT" "$KEY" "$2" "$CALLS"
    rm -f "$TMP"/cg.out*
    callgrind_control -d "$PX_PID" > /dev/null
    local f
    f=$(ls "$TMP"/cg.out.* | tail -1)
    local total
    total=$(awk '/^summary:|^totals:/ {print $2; exit}' "$f")
    echo "$1: $((total / CALLS)) instructions per request ($CALLS requests)"
    cp "$f" "${OUT_PREFIX:-/tmp/proxy-cg}-$1.out"
  }
  per_call ping "$PING"
  per_call projects_list "$CALL"
  exit 0
fi

uptime
for round in $(seq 1 "$ROUNDS"); do
  for BIN in "$@"; do
    start_sandbox "$BIN"
    PX_PORT=$(free_port)
    RUST_LOG=warn "$BIN" --host 127.0.0.1 --port "$PX_PORT" --api-base-url "http://127.0.0.1:$SB_PORT" \
      > "$TMP/proxy.log" 2>&1 &
    PX_PID=$!
    PIDS+=("$PX_PID")
    wait_health "$PX_PORT" || die "server did not come up"
    post_loop "$PX_PORT" "$KEY" "$CALL" 50
    line="round $round $(basename "$(dirname "$(dirname "$BIN")")")/$(basename "$(dirname "$BIN")"):"
    for conc in 1 16; do
      oha -z "${DURATION}s" -c "$conc" --no-tui -H "Authorization: Bearer $KEY" \
        "http://127.0.0.1:$SB_PORT/v1/projects" --output-format json > "$TMP/direct.json"
      oha -z "${DURATION}s" -c "$conc" --no-tui -m POST -H 'Content-Type: application/json' \
        -A 'application/json, text/event-stream' -H "Authorization: Bearer $KEY" -D "$TMP/call.json" \
        "http://127.0.0.1:$PX_PORT/mcp" --output-format json > "$TMP/proxy.json"
      line+=$(python3 - "$TMP/direct.json" "$TMP/proxy.json" "$conc" <<'EOF'
import json, sys
d, p = (json.load(open(f)) for f in sys.argv[1:3])
def rps(r): return r["summary"]["requestsPerSec"]
def p50(r): return r["latencyPercentiles"]["p50"] * 1000
ok = all(r["statusCodeDistribution"].get("200", 0) > 0 and len(r["statusCodeDistribution"]) == 1 for r in (d, p))
c = sys.argv[3]
print(f"  c={c}: direct {rps(d):.0f} req/s p50 {p50(d):.3f} ms, proxy {rps(p):.0f} req/s p50 {p50(p):.3f} ms"
      f" -> {100 * rps(p) / rps(d):.0f} %, +{p50(p) - p50(d):.3f} ms{'' if ok else ' (NON-200 ANSWERS)'}", end="")
EOF
)
    done
    echo "$line  [load $(cut -d' ' -f1 /proc/loadavg)]"
    kill "$PX_PID" "$SB_PID" 2>/dev/null || true
    wait "$PX_PID" "$SB_PID" 2>/dev/null || true
  done
done
