#!/usr/bin/env bash
# The front page in a real browser (issue 14): installs Debian's chromium (apt-get) and
# playwright-core (npm) when missing, starts the server (--sandbox, --port 0), and runs
# front_page.mjs against it, which saves docs/front-page.png.
#
# Prints exactly one line `browser test SKIPPED: <why>` and exits 0 only when a package
# cannot be installed; every other failure exits non-zero.
#
# Env: HOSTLESS_BIN (server binary; default the newer of target/release and target/debug, else
# a debug build), BROWSER_DIR (npm cache folder, default /tmp/hostless-browser), SCREENSHOT (default
# docs/front-page.png).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BROWSER_DIR=${BROWSER_DIR:-/tmp/hostless-browser}
SCREENSHOT=${SCREENSHOT:-$ROOT/docs/front-page.png}
PLAYWRIGHT_VERSION=1.65.1
mkdir -p "$BROWSER_DIR"

skip() {
  echo "browser test SKIPPED: $*"
  exit 0
}

# 1. Chromium from Debian's packages.
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    skip "chromium is not installed and apt-get needs root"
  fi
  command -v apt-get >/dev/null || skip "chromium is not installed and there is no apt-get"
  if ! { "${SUDO[@]}" apt-get update -qq &&
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$BROWSER_DIR/apt.log" 2>&1; then
    skip "apt-get install chromium failed (log: $BROWSER_DIR/apt.log)"
  fi
  CHROMIUM=$(command -v chromium || true)
  [ -n "$CHROMIUM" ] || skip "apt-get installed chromium but there is no chromium command"
fi

# 2. playwright-core from npm (the driver only; it uses the chromium above).
command -v node >/dev/null || skip "node is not installed"
installed=$(node -p "require('$BROWSER_DIR/node_modules/playwright-core/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$PLAYWRIGHT_VERSION" ]; then
  command -v npm >/dev/null || skip "npm is not installed"
  if ! npm install --prefix "$BROWSER_DIR" --no-audit --no-fund --no-save "playwright-core@$PLAYWRIGHT_VERSION" \
    >"$BROWSER_DIR/npm.log" 2>&1; then
    skip "npm install playwright-core@$PLAYWRIGHT_VERSION failed (log: $BROWSER_DIR/npm.log)"
  fi
fi

# 3. The server: an existing binary, or a debug build.
BIN=${HOSTLESS_BIN:-}
if [ -z "$BIN" ]; then
  # The newer of the release and debug binaries, so a stale build is not tested by mistake.
  for candidate in "$ROOT/target/release/hostless-mcp" "$ROOT/target/debug/hostless-mcp"; do
    if [ -x "$candidate" ] && { [ -z "$BIN" ] || [ "$candidate" -nt "$BIN" ]; }; then BIN=$candidate; fi
  done
fi
if [ -z "$BIN" ]; then
  (cd "$ROOT" && cargo build --quiet --bin hostless-mcp)
  BIN=$ROOT/target/debug/hostless-mcp
fi

LOG=$(mktemp)
cleanup() {
  if [ -n "${SERVER_PID:-}" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -f "$LOG"
}
trap cleanup EXIT

LOG_FORMAT=json NO_COLOR=1 "$BIN" --sandbox --sandbox-seed 42 --port 0 >"$LOG" 2>&1 &
SERVER_PID=$!
PORT=
for _ in $(seq 1 300); do
  PORT=$(sed -n 's/.*"message":"hostless-mcp listening".*"addr":"127\.0\.0\.1:\([0-9]*\)".*/\1/p' "$LOG" | head -n1)
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "browser test FAILED: the server exited"; cat "$LOG"; exit 1; }
  sleep 0.1
done
if [ -z "$PORT" ]; then
  echo "browser test FAILED: the server did not log its port within 30 s"
  cat "$LOG"
  exit 1
fi

mkdir -p "$(dirname "$SCREENSHOT")"
CHROMIUM=$CHROMIUM PLAYWRIGHT_DIR=$BROWSER_DIR \
  node "$ROOT/scripts/browser/front_page.mjs" "http://localhost:$PORT/" "$SCREENSHOT"
