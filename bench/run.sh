#!/usr/bin/env bash
# Performance benchmark for hostless-mcp against the Node reference server
# (../shared/peers/node-docs-mcp), in one run, on loopback only. See bench/README.md.
#
#   bash bench/run.sh
#
# env: SKIP_BUILD=1 (use the existing target/release binary), DURATION (oha seconds per run,
#      default 10), CONCURRENCY (default 16), WARMUP (seconds per server, default 3),
#      STARTS (start-up samples, default 5), INDEX_RUNS (both-corpora index samples, default 3),
#      CORPORA (default <repo>/../shared/corpora), PEER_SRC (default <repo>/../shared/peers/node-docs-mcp)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
DURATION=${DURATION:-10}
CONCURRENCY=${CONCURRENCY:-16}
WARMUP=${WARMUP:-3}
STARTS=${STARTS:-5}
INDEX_RUNS=${INDEX_RUNS:-3}
CORPORA=${CORPORA:-$ROOT/../shared/corpora}
PEER_SRC=${PEER_SRC:-$ROOT/../shared/peers/node-docs-mcp}
RAILWAY=$CORPORA/railway
FLYIO=$CORPORA/flyio
BIN=$ROOT/target/release/hostless-mcp
BARE=$ROOT/target/release/examples/bare_axum
QUERIES=("tls certificate" "how do I add a custom domain")

die() { echo "bench: $*" >&2; exit 1; }

# ---- prerequisites -------------------------------------------------------------------------
[ -d "$RAILWAY" ] || die "Railway corpus not found at $RAILWAY (expected ../shared/corpora/railway beside the repo; set CORPORA=...)"
[ -d "$PEER_SRC" ] || die "Node peer not found at $PEER_SRC (set PEER_SRC=...)"
command -v oha >/dev/null || die "oha not found: cargo install oha --locked"
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are required for the peer server"
command -v python3 >/dev/null || die "python3 is required (timing and JSON parsing)"
command -v curl >/dev/null || die "curl is required"

mkdir -p "$OUT"
RUN_DIR=$OUT/run-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RUN_DIR"
TMP=$(mktemp -d)

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Waits until GET /health on $1 answers 200 (at most $2 seconds).
wait_health() {
  local port=$1 limit=${2:-30} i
  for i in $(seq 1 $((limit * 20))); do
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/health" 2>/dev/null; then
      return 0
    fi
    sleep 0.05
  done
  return 1
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

H=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')

# ---- build ---------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== cargo build --release"
  (cd "$ROOT" && cargo build --release --locked --quiet --bin hostless-mcp --example bare_axum)
fi
[ -x "$BIN" ] || die "$BIN missing (run without SKIP_BUILD=1)"
[ -x "$BARE" ] || die "$BARE missing (cargo build --release --example bare_axum)"

# ---- peer: copy out of shared/ (read-only), npm ci once ------------------------------------
PEER=$OUT/peer-node-docs-mcp
STAMP=$(cat "$PEER_SRC/package-lock.json" "$PEER_SRC/package.json" | sha256sum | cut -d' ' -f1)
mkdir -p "$PEER"
for f in server.mjs package.json package-lock.json; do
  cp -f "$PEER_SRC/$f" "$PEER/$f"
  chmod u+w "$PEER/$f"
done
if [ ! -d "$PEER/node_modules" ] || [ "$(cat "$PEER/.npm-ci-stamp" 2>/dev/null)" != "$STAMP" ]; then
  echo "== npm ci (peer, once; cached in $PEER)"
  (cd "$PEER" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$STAMP" > "$PEER/.npm-ci-stamp"
fi

# ---- machine -------------------------------------------------------------------------------
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
MEM=$(awk '/^MemTotal:/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)
MACHINE="nproc=$(nproc), $CPU, $MEM RAM, Linux $(uname -r); node $(node --version); oha $(oha --version | awk '{print $2}'); $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$ROOT" rev-parse --short HEAD); load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== machine: $MACHINE"
echo "$MACHINE" > "$RUN_DIR/machine.txt"

# ---- our server: start-up and idle RSS with the embedded docs ------------------------------
# Run from an empty directory so that no ../hostless-docs/docs sibling is picked up (SPEC §3).
CWD=$TMP/cwd/run
mkdir -p "$CWD"

# Spawns the binary with the given args and prints the ms from spawn to the first 200 on
# /health, then (optionally) keeps it running for an idle RSS sample. Timing is done in
# python so that the poll loop costs no process spawns.
time_to_health() { # port keep_secs args...
  local port=$1 keep=$2; shift 2
  python3 - "$port" "$keep" "$BIN" "$@" <<'EOF'
import http.client, os, subprocess, sys, time
port, keep, argv = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
env = dict(os.environ, RUST_LOG=os.environ.get("RUST_LOG", "warn"))
t0 = time.monotonic()
p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
ms, body = None, b""
try:
    deadline = t0 + 60
    while time.monotonic() < deadline:
        if p.poll() is not None:
            break
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            c.request("GET", "/health")
            r = c.getresponse()
            body = r.read()
            if r.status == 200:
                ms = (time.monotonic() - t0) * 1e3
                break
        except OSError:
            pass
        time.sleep(0.001)
    rss = 0
    if ms is not None and keep > 0:
        time.sleep(keep)
        for line in open(f"/proc/{p.pid}/status"):
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    print(f"{ms if ms is not None else -1:.1f} {rss} {body.decode(errors='replace')}")
finally:
    p.terminate()
    try:
        p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()
EOF
}

echo "== our server: start-up to first /health 200, embedded docs ($STARTS starts)"
STARTUP_MS=()
EMB_HEALTH=""
for i in $(seq 1 "$STARTS"); do
  port=$(free_port)
  read -r ms _ body < <(cd "$CWD" && time_to_health "$port" 0 --host 127.0.0.1 --port "$port")
  [ "$ms" != "-1.0" ] || die "our server did not answer /health with the embedded docs"
  STARTUP_MS+=("$ms")
  EMB_HEALTH=$body
  echo "   start $i: $ms ms"
done
echo "   /health: $EMB_HEALTH"

echo "== our server: idle RSS 1 s after start-up, embedded docs"
port=$(free_port)
read -r _ EMB_RSS_KIB _ < <(cd "$CWD" && time_to_health "$port" 1 --host 127.0.0.1 --port "$port")
echo "   RSS $EMB_RSS_KIB KiB"

# ---- our server: index both corpora --------------------------------------------------------
BOTH=$TMP/both
INDEX_MS=()
INDEX_PAGES=""
INDEX_NOTE="symlinks"
if [ -d "$FLYIO" ]; then
  mkdir -p "$BOTH"
  ln -s "$(cd "$RAILWAY" && pwd)" "$BOTH/railway"
  ln -s "$(cd "$FLYIO" && pwd)" "$BOTH/flyio"
  echo "== our server: start-up to first /health 200 with --docs-dir = railway + flyio ($INDEX_RUNS runs)"
  for i in $(seq 1 "$INDEX_RUNS"); do
    port=$(free_port)
    read -r ms _ body < <(cd "$CWD" && time_to_health "$port" 0 --host 127.0.0.1 --port "$port" --docs-dir "$BOTH")
    [ "$ms" != "-1.0" ] || die "our server did not answer /health with --docs-dir $BOTH"
    INDEX_PAGES=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get("docsPages","?"))' "$body" 2>/dev/null || echo "?")
    if [ "$i" = 1 ] && [ "$INDEX_PAGES" != 1108 ] && [ "$INDEX_NOTE" = symlinks ]; then
      echo "   note: $INDEX_PAGES pages through symlinks (expected 1108; docs-index does not follow symlinked folders): using a copy"
      rm -rf "$BOTH"; mkdir -p "$BOTH"
      cp -r "$RAILWAY" "$BOTH/railway"; cp -r "$FLYIO" "$BOTH/flyio"
      INDEX_NOTE="copy (symlinks not followed)"
      port=$(free_port)
      read -r ms _ body < <(cd "$CWD" && time_to_health "$port" 0 --host 127.0.0.1 --port "$port" --docs-dir "$BOTH")
      INDEX_PAGES=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get("docsPages","?"))' "$body" 2>/dev/null || echo "?")
    fi
    INDEX_MS+=("$ms")
    echo "   run $i: $ms ms, docsPages=$INDEX_PAGES"
  done
else
  echo "== flyio corpus missing at $FLYIO: skipping the both-corpora index time"
fi

# ---- load test: both servers on the Railway corpus -----------------------------------------
RUST_PORT=$(free_port)
NODE_PORT=$(free_port)
echo "== starting both servers on the Railway corpus (rust :$RUST_PORT, node :$NODE_PORT)"
(cd "$CWD" && RUST_LOG=warn exec "$BIN" --host 127.0.0.1 --port "$RUST_PORT" --docs-dir "$RAILWAY") \
  > "$RUN_DIR/rust.log" 2>&1 &
RUST_PID=$!
PIDS+=("$RUST_PID")
(cd "$PEER" && DOCS_DIR=$RAILWAY PORT=$NODE_PORT HOST=127.0.0.1 exec node server.mjs) \
  > "$RUN_DIR/node.log" 2>&1 &
NODE_PID=$!
PIDS+=("$NODE_PID")
wait_health "$RUST_PORT" 60 || { cat "$RUN_DIR/rust.log" >&2; die "our server did not come up"; }
wait_health "$NODE_PORT" 60 || { cat "$RUN_DIR/node.log" >&2; die "the node peer did not come up"; }
RUST_PAGES=$(curl -fsS "http://127.0.0.1:$RUST_PORT/health" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("docsPages","?"))')
NODE_PAGES=$(grep -o 'indexed [0-9]* pages' "$RUN_DIR/node.log" | awk '{print $2}' || true)
echo "   pages: rust $RUST_PAGES, node ${NODE_PAGES:-?}"
RUST_IDLE_KIB=$(rss_kib "$RUST_PID")
NODE_IDLE_KIB=$(rss_kib "$NODE_PID")

# Request bodies, and one sample response of each server per query (for the record).
for qi in "${!QUERIES[@]}"; do
  python3 -c 'import json,sys; print(json.dumps({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"docs_search","arguments":{"query":sys.argv[1],"limit":10}}}))' \
    "${QUERIES[$qi]}" > "$RUN_DIR/body-$qi.json"
  for srv in rust node; do
    port=$RUST_PORT; [ "$srv" = node ] && port=$NODE_PORT
    curl -sS "${H[@]}" "http://127.0.0.1:$port/mcp/docs" --data-binary "@$RUN_DIR/body-$qi.json" \
      > "$RUN_DIR/sample-$srv-$qi.json"
  done
done

oha_run() { # port body seconds out
  oha -z "$3s" -c "$CONCURRENCY" --no-tui -m POST -H 'Content-Type: application/json' \
    -A 'application/json, text/event-stream' -D "$2" "http://127.0.0.1:$1/mcp/docs" \
    --output-format json > "$4"
}

echo "== warm-up ${WARMUP}s each"
oha_run "$RUST_PORT" "$RUN_DIR/body-0.json" "$WARMUP" /dev/null
oha_run "$NODE_PORT" "$RUN_DIR/body-0.json" "$WARMUP" /dev/null

for qi in "${!QUERIES[@]}"; do
  for srv in rust node; do
    port=$RUST_PORT pid=$RUST_PID
    [ "$srv" = node ] && port=$NODE_PORT pid=$NODE_PID
    echo "== oha: $srv, \"${QUERIES[$qi]}\", c=$CONCURRENCY, ${DURATION}s"
    ( end=$((SECONDS + DURATION + 1))
      while [ $SECONDS -le $end ]; do rss_kib "$pid"; sleep 0.5; done ) > "$RUN_DIR/rss-$srv-$qi.txt" &
    sampler=$!
    oha_run "$port" "$RUN_DIR/body-$qi.json" "$DURATION" "$RUN_DIR/oha-$srv-$qi.json"
    wait "$sampler"
  done
done

# ---- MCP layer against the machine's limit: ping and tools/list vs a bare axum route ------
oha_body() { # url body seconds concurrency out [extra oha args...]
  local url=$1 body=$2 secs=$3 conc=$4 out=$5; shift 5
  oha -z "${secs}s" -c "$conc" --no-tui -m POST -H 'Content-Type: application/json' \
    -A 'application/json, text/event-stream' -D "$body" "$@" "$url" --output-format json > "$out"
}
echo '{"jsonrpc":"2.0","id":1,"method":"ping"}' > "$RUN_DIR/body-ping.json"
echo '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' > "$RUN_DIR/body-list.json"
BARE_PORT=$(free_port)
"$BARE" "$BARE_PORT" > "$RUN_DIR/bare.log" 2>&1 &
BARE_PID=$!
PIDS+=("$BARE_PID")
wait_health "$BARE_PORT" 30 || die "bare axum did not come up"
for what in ping-bare ping-mcp list-mcp ping-bare2; do
  case $what in
    ping-bare*) url=http://127.0.0.1:$BARE_PORT/mcp/docs body=$RUN_DIR/body-ping.json ;;
    ping-mcp) url=http://127.0.0.1:$RUST_PORT/mcp/docs body=$RUN_DIR/body-ping.json ;;
    list-mcp) url=http://127.0.0.1:$RUST_PORT/mcp/docs body=$RUN_DIR/body-list.json ;;
  esac
  echo "== oha: $what, c=$CONCURRENCY, ${DURATION}s"
  oha_body "$url" "$body" "$DURATION" "$CONCURRENCY" "$RUN_DIR/oha-$what.json"
done
kill "$BARE_PID" 2>/dev/null || true

# ---- Fly.io corpus: docs_search, both servers ---------------------------------------------
if [ -d "$FLYIO" ]; then
  FR_PORT=$(free_port)
  FN_PORT=$(free_port)
  echo "== starting both servers on the Fly.io corpus (rust :$FR_PORT, node :$FN_PORT)"
  (cd "$CWD" && RUST_LOG=warn exec "$BIN" --host 127.0.0.1 --port "$FR_PORT" --docs-dir "$FLYIO") \
    > "$RUN_DIR/rust-fly.log" 2>&1 &
  FR_PID=$!
  PIDS+=("$FR_PID")
  (cd "$PEER" && DOCS_DIR=$FLYIO PORT=$FN_PORT HOST=127.0.0.1 exec node server.mjs) \
    > "$RUN_DIR/node-fly.log" 2>&1 &
  FN_PID=$!
  PIDS+=("$FN_PID")
  wait_health "$FR_PORT" 60 || die "our server did not come up on the Fly.io corpus"
  wait_health "$FN_PORT" 60 || die "the node peer did not come up on the Fly.io corpus"
  oha_run "$FR_PORT" "$RUN_DIR/body-0.json" "$WARMUP" /dev/null
  oha_run "$FN_PORT" "$RUN_DIR/body-0.json" "$WARMUP" /dev/null
  for qi in "${!QUERIES[@]}"; do
    for srv in rust node; do
      port=$FR_PORT; [ "$srv" = node ] && port=$FN_PORT
      echo "== oha: $srv, Fly.io, \"${QUERIES[$qi]}\", c=$CONCURRENCY, ${DURATION}s"
      oha_run "$port" "$RUN_DIR/body-$qi.json" "$DURATION" "$RUN_DIR/oha-fly-$srv-$qi.json"
    done
  done
  kill "$FR_PID" "$FN_PID" 2>/dev/null || true
fi

# ---- proxy overhead: platform tool via /mcp vs the same REST call to the sandbox ------------
SB_PORT=$(free_port)
PX_PORT=$(free_port)
echo "== proxy: sandbox as its own process (:$SB_PORT), our server in front (:$PX_PORT)"
RUST_LOG=warn "$BIN" sandbox --host 127.0.0.1 --port "$SB_PORT" --seed 7 > "$RUN_DIR/sandbox.log" 2>&1 &
SB_PID=$!
PIDS+=("$SB_PID")
# The key lines read "  <token>  <label>  <scopes>"; a loaded machine can take seconds to print them.
for _ in $(seq 1 600); do grep -q '^  hlk_[^ ]*  full  ' "$RUN_DIR/sandbox.log" 2>/dev/null && break; sleep 0.05; done
KEY=$(awk '$1 ~ /^hlk_/ && $2 == "full" {print $1; exit}' "$RUN_DIR/sandbox.log")
[ -n "$KEY" ] || { cat "$RUN_DIR/sandbox.log" >&2; die "no 'full' key in the sandbox's start-up lines"; }
(cd "$CWD" && RUST_LOG=warn exec "$BIN" --host 127.0.0.1 --port "$PX_PORT" --api-base-url "http://127.0.0.1:$SB_PORT") \
  > "$RUN_DIR/rust-proxy.log" 2>&1 &
PX_PID=$!
PIDS+=("$PX_PID")
wait_health "$PX_PORT" 60 || die "our server did not come up in front of the sandbox"
echo '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"projects_list","arguments":{}}}' > "$RUN_DIR/body-proxy.json"
curl -sS "${H[@]}" -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PX_PORT/mcp" \
  --data-binary "@$RUN_DIR/body-proxy.json" > "$RUN_DIR/sample-proxy.json"
grep -q '"isError":true' "$RUN_DIR/sample-proxy.json" && die "projects_list through /mcp failed: $(cat "$RUN_DIR/sample-proxy.json")"
for conc in 1 16; do
  echo "== oha: direct GET /v1/projects, c=$conc, ${DURATION}s"
  oha -z "${DURATION}s" -c "$conc" --no-tui -H "Authorization: Bearer $KEY" \
    "http://127.0.0.1:$SB_PORT/v1/projects" --output-format json > "$RUN_DIR/oha-direct-c$conc.json"
  echo "== oha: projects_list via /mcp, c=$conc, ${DURATION}s"
  oha_body "http://127.0.0.1:$PX_PORT/mcp" "$RUN_DIR/body-proxy.json" "$DURATION" "$conc" \
    "$RUN_DIR/oha-proxy-c$conc.json" -H "Authorization: Bearer $KEY"
done
kill "$PX_PID" "$SB_PID" 2>/dev/null || true
RUST_AFTER_KIB=$(rss_kib "$RUST_PID")
NODE_AFTER_KIB=$(rss_kib "$NODE_PID")

# ---- report --------------------------------------------------------------------------------
python3 - "$RUN_DIR" "$MACHINE" "${#QUERIES[@]}" "$CONCURRENCY" "$DURATION" \
  "${STARTUP_MS[*]}" "$EMB_RSS_KIB" "${INDEX_MS[*]:-}" "$INDEX_PAGES" "$INDEX_NOTE" \
  "$RUST_PAGES" "${NODE_PAGES:-?}" "$RUST_IDLE_KIB" "$NODE_IDLE_KIB" "$RUST_AFTER_KIB" "$NODE_AFTER_KIB" \
  "${QUERIES[@]}" <<'EOF' | tee "$RUN_DIR/report.md"
import json, re, statistics, sys
(run_dir, machine, nq, conc, dur, startup, emb_rss, index_ms, index_pages, index_note,
 rust_pages, node_pages, rust_idle, node_idle, rust_after, node_after) = sys.argv[1:17]
queries = sys.argv[17:17 + int(nq)]
mib = lambda kib: int(kib) / 1024

def load(srv, qi):
    d = json.load(open(f"{run_dir}/oha-{srv}-{qi}.json"))
    s, p = d["summary"], d["latencyPercentiles"]
    rss = [int(x) for x in open(f"{run_dir}/rss-{srv}-{qi}.txt").read().split() if x.strip()]
    sample = json.load(open(f"{run_dir}/sample-{srv}-{qi}.json"))
    sc = (sample.get("result") or {}).get("structuredContent") or {}
    text = "".join(c.get("text", "") for c in (sample.get("result") or {}).get("content", []))
    hits = len(sc["results"]) if "results" in sc else len(re.findall(r"^\s*url:", text, re.M))
    return dict(rps=s["requestsPerSec"], p50=p["p50"] * 1e3, p99=p["p99"] * 1e3,
                ok=s["successRate"] * 100, status=d.get("statusCodeDistribution", {}),
                errors=d.get("errorDistribution", {}), peak=max(rss) / 1024 if rss else 0,
                hits=hits, size=s.get("sizePerRequest"))

print(f"\nmachine: {machine}\n")
print(f"### tools/call docs_search, Railway corpus (rust {rust_pages} pages, node {node_pages} pages), "
      f"c={conc}, {dur} s, keep-alive\n")
print("| query | server | req/s | p50 ms | p99 ms | success | status codes | peak RSS MiB | hits | bytes/resp |")
print("| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |")
ratios = []
for qi, q in enumerate(queries):
    r, n = load("rust", qi), load("node", qi)
    for name, x in (("rust", r), ("node", n)):
        codes = ", ".join(f"{k}: {v}" for k, v in x["status"].items())
        # oha -z cancels the requests still in flight at the deadline (at most one per
        # connection); they are not server errors, so they are shown apart.
        cut = {k: v for k, v in x["errors"].items() if "deadline" in k}
        other = {k: v for k, v in x["errors"].items() if "deadline" not in k}
        if cut:
            codes += f" (+{sum(cut.values())} cut at deadline)"
        if other:
            codes += "; ERRORS " + ", ".join(f"{k}: {v}" for k, v in other.items())
        print(f"| {q} | {name} | {x['rps']:.0f} | {x['p50']:.2f} | {x['p99']:.2f} | {x['ok']:.1f} % | "
              f"{codes} | {x['peak']:.1f} | {x['hits']} | {x['size']} |")
    ratios.append((q, r["rps"] / n["rps"] if n["rps"] else float("inf"), r["p99"] < n["p99"]))
print()
for q, ratio, lower in ratios:
    print(f"- ratio rust/node req/s, \"{q}\": **{ratio:.1f}x** (bar >= 10x: {'met' if ratio >= 10 else 'MISSED'}); "
          f"rust p99 lower: {'yes' if lower else 'NO'}")
print(f"- RSS on the Railway corpus: rust idle {mib(rust_idle):.1f} MiB, after load {mib(rust_after):.1f} MiB; "
      f"node idle {mib(node_idle):.1f} MiB, after load {mib(node_after):.1f} MiB")

print("\n### our server, SPEC §7 start-up bars\n")
st = [float(x) for x in startup.split()]
med = statistics.median(st)
print(f"- start-up to first /health 200, embedded docs: median **{med:.0f} ms** of {len(st)} "
      f"({', '.join(f'{x:.0f}' for x in st)}) (bar < 300 ms: {'met' if med < 300 else 'MISSED'})")
print(f"- RSS 1 s after start-up, embedded docs, idle: **{mib(emb_rss):.1f} MiB** ({emb_rss} KiB) "
      f"(bar < 40 MB: {'met' if int(emb_rss) * 1024 < 40e6 else 'MISSED'})")
if index_ms.strip():
    ix = [float(x) for x in index_ms.split()]
    imed = statistics.median(ix)
    print(f"- start-up to first /health 200 indexing railway + flyio ({index_pages} pages, {index_note}): "
          f"median **{imed:.0f} ms** of {len(ix)} ({', '.join(f'{x:.0f}' for x in ix)}) "
          f"(bar < 3 s: {'met' if imed < 3000 else 'MISSED'})")
print(f"\nload average at the end: {open('/proc/loadavg').read().split()[:3]}; raw data: {run_dir}")
EOF

# ---- issue 13 targets: table with pass/fail, and the SVG chart ------------------------------
python3 "$ROOT/bench/report.py" "$RUN_DIR" "$ROOT/bench/chart.svg" "$RUST_IDLE_KIB" "$RUST_AFTER_KIB" "$EMB_RSS_KIB" \
  | tee "$RUN_DIR/targets.md"
