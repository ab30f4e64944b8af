#!/usr/bin/env bash
# Soak: one server with its built-in sandbox as the Hostless API, 64 clients for 60 s mixing
# docs calls (docs_search, tools/list on /mcp/docs) and platform calls (apps_list,
# projects_list on /mcp with a sandbox API key). Passes when no request failed and the
# server's RSS at the end is within 10% of its RSS 10 s in. See bench/README.md ("Soak").
#
#   bash bench/soak/run.sh
#
# env: CLIENTS (64), SECONDS_TOTAL (60), WARM (10: when the reference RSS is read),
#      BIN (default target/release/hostless-mcp, built unless SKIP_BUILD=1),
#      PROFILE (release; `dev` builds and uses target/debug, quicker to build)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CLIENTS=${CLIENTS:-64}
SECONDS_TOTAL=${SECONDS_TOTAL:-60}
WARM=${WARM:-10}
PROFILE=${PROFILE:-release}
if [ "$PROFILE" = release ]; then DIR=release; FLAG=--release; else DIR=debug; FLAG=; fi
BIN=${BIN:-$ROOT/target/$DIR/hostless-mcp}
CLIENT=$ROOT/target/$DIR/examples/soak

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$ROOT" && cargo build $FLAG --bin hostless-mcp --example soak)
fi
[ -x "$BIN" ] || { echo "soak: no server binary at $BIN" >&2; exit 1; }
[ -x "$CLIENT" ] || { echo "soak: no client at $CLIENT (cargo build $FLAG --example soak)" >&2; exit 1; }

TMP=$(mktemp -d)
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# An empty working directory: the embedded docs, never a sibling docs checkout.
cd "$TMP"
RUST_LOG=warn,hostless_mcp::cli=info "$BIN" --sandbox --port 0 --log-format json >"$TMP/out.txt" 2>"$TMP/err.txt" &
SERVER_PID=$!
ADDR=
for _ in $(seq 1 100); do
  ADDR=$(grep -o '"addr":"[^"]*"' "$TMP/err.txt" 2>/dev/null | head -1 | cut -d'"' -f4 || true)
  [ -n "$ADDR" ] && break
  sleep 0.1
done
[ -n "$ADDR" ] || { echo "soak: server did not start"; cat "$TMP/err.txt"; exit 1; }
KEY=$(awk '/hlk_/ && /full/ {print $1; exit}' "$TMP/out.txt")
[ -n "$KEY" ] || { echo "soak: no sandbox key printed"; cat "$TMP/out.txt"; exit 1; }
echo "soak: server $ADDR (pid $SERVER_PID), $CLIENTS clients, ${SECONDS_TOTAL} s"
RSS_START=$(rss_kb "$SERVER_PID")

"$CLIENT" "http://$ADDR" "$KEY" "$CLIENTS" "$SECONDS_TOTAL" >"$TMP/summary.json" &
CLIENT_PID=$!
sleep "$WARM"
RSS_WARM=$(rss_kb "$SERVER_PID")
PEAK=$RSS_WARM
while kill -0 "$CLIENT_PID" 2>/dev/null; do
  R=$(rss_kb "$SERVER_PID"); [ "$R" -gt "$PEAK" ] && PEAK=$R
  RSS_END=$R
  sleep 1
done
wait "$CLIENT_PID"
RSS_END=${RSS_END:-$(rss_kb "$SERVER_PID")}
curl -fs "http://$ADDR/health" >/dev/null || { echo "soak: /health failed after the run"; exit 1; }

python3 - "$TMP/summary.json" "$RSS_START" "$RSS_WARM" "$RSS_END" "$PEAK" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
start, warm, end, peak = (int(x) for x in sys.argv[2:6])
growth = (end - warm) / warm * 100
print(f"requests {s['requests']} ({s['docs_requests']} docs, {s['platform_requests']} platform), "
      f"{s['requests_per_second']} req/s, failed {s['failed']}")
if s["first_error"]:
    print(f"first failure: {s['first_error']}")
print(f"RSS idle {start/1024:.1f} MB, after 10 s {warm/1024:.1f} MB, end {end/1024:.1f} MB "
      f"({growth:+.1f}%), peak {peak/1024:.1f} MB")
ok = s["failed"] == 0 and growth <= 10
print("soak: PASS" if ok else "soak: FAIL")
sys.exit(0 if ok else 1)
PY
