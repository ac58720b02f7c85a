# Shared by the end-to-end client scripts (tests/clients/*.sh): the pinned client libraries (Python or
# JavaScript), a freshly started weakties server, and cleanup that prints the server log on failure and a
# last line "<name>: N passed, M failed". A script sets NAME (and CLIENT_LIBS when it is not Python), sources
# this file, and then drives "$BASE" (FLOW_STARTED=1 marks where the client's own steps begin).
#
# CLIENT_LIBS (set by the script before sourcing):
#   python (default)  the virtual environment tests/clients/.venv from requirements.txt; "$VENV/bin/python"
#   node              tests/clients/node_modules from package-lock.json (npm ci); "$NODE" is the Node.js
#                     runtime pinned there (the npm package `node`), which the pinned libraries' `engines` ask
#                     for, so the system's node is needed only to run npm
#
# Environment:
#   WEAKTIES_BIN                   server binary (default: target/debug/weakties in the repository root;
#                                  a relative path is taken from the directory the script is called from)
#   WEAKTIES_CLIENT_DATABASE_URL   database URL for the server (default: a fresh SQLite file in a temp dir),
#                                  e.g. postgres://user:pass@localhost/weakties_e2e in CI
#
# The virtual environment tests/clients/.venv is created on first use and reinstalled only when
# tests/clients/requirements.txt changes; likewise node_modules only when package-lock.json changes.
set -euo pipefail

CALLER_DIR="$PWD"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
cd "$ROOT"

CLIENT_LIBS="${CLIENT_LIBS:-python}"
VENV="$SCRIPT_DIR/.venv"
REQUIREMENTS="$SCRIPT_DIR/requirements.txt"
STAMP="$VENV/.installed-requirements.txt"
NODE_MODULES="$SCRIPT_DIR/node_modules"
NODE_LOCK="$SCRIPT_DIR/package-lock.json"
NODE_STAMP="$NODE_MODULES/.installed-package-lock.json"
NODE="$NODE_MODULES/.bin/node"
HEALTH_TIMEOUT_SECS=30

TMP=""
SERVER_PID=""
FLOW_STARTED=0
START_TIME=$SECONDS

log() { printf '%s: %s\n' "$NAME" "$*" >&2; }

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        # Graceful shutdown first; never hang the run on it.
        for _ in $(seq 1 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ $status -ne 0 && $FLOW_STARTED -eq 1 && -n "$TMP" && -f "$TMP/server.log" ]]; then
        echo "----- server log (last 60 lines) -----" >&2
        tail -n 60 "$TMP/server.log" >&2 || true
        echo "--------------------------------------" >&2
    fi
    if [[ -n "$TMP" ]]; then
        rm -rf "$TMP"
    fi
    log "took $((SECONDS - START_TIME)) s"
    if [[ $status -eq 0 ]]; then
        echo "$NAME: 1 passed, 0 failed"
    else
        echo "$NAME: 0 passed, 1 failed"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- client library -----------------------------------------------------------------------------------
case "$CLIENT_LIBS" in
python)
    if [[ ! -x "$VENV/bin/python" ]]; then
        log "creating virtual environment $VENV"
        python3 -m venv "$VENV"
    fi
    if ! cmp -s "$REQUIREMENTS" "$STAMP"; then
        log "installing $(grep -v '^#' "$REQUIREMENTS" | tr '\n' ' ')"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
        cp "$REQUIREMENTS" "$STAMP"
    fi
    ;;
node)
    # npm ci empties node_modules first, so the stamp goes with it and is written only after a full install.
    if ! cmp -s "$NODE_LOCK" "$NODE_STAMP" || [[ ! -x "$NODE" ]]; then
        command -v npm >/dev/null || { log "npm is missing (apt-get install nodejs npm)"; exit 1; }
        log "installing $(cd "$SCRIPT_DIR" && python3 -c 'import json; print(" ".join(f"{k}@{v}" for k, v in json.load(open("package.json"))["dependencies"].items()))') (npm ci)"
        (cd "$SCRIPT_DIR" && npm ci --no-audit --no-fund --loglevel=error)
        cp "$NODE_LOCK" "$NODE_STAMP"
    fi
    ;;
*)
    log "unknown CLIENT_LIBS=$CLIENT_LIBS (python or node)"
    exit 1
    ;;
esac

# --- server -------------------------------------------------------------------------------------------
BIN="${WEAKTIES_BIN:-$ROOT/target/debug/weakties}"
if [[ "$BIN" != /* ]]; then
    BIN="$CALLER_DIR/$BIN"
fi
if [[ ! -x "$BIN" ]]; then
    log "server binary $BIN is missing or not executable (build it, or set WEAKTIES_BIN)"
    exit 1
fi

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/weakties-$NAME.XXXXXX")"
DB_URL="${WEAKTIES_CLIENT_DATABASE_URL:-sqlite://$TMP/weakties.db}"

log "starting $BIN on $BASE (database: ${DB_URL%%://*})"
NO_COLOR=1 \
WEAKTIES__SERVER__BIND="127.0.0.1:$PORT" \
WEAKTIES__SERVER__BASE_URL="$BASE" \
WEAKTIES__DATABASE__URL="$DB_URL" \
    "$BIN" serve >"$TMP/server.log" 2>&1 &
SERVER_PID=$!

ready=0
why="did not answer GET /health with 200 within ${HEALTH_TIMEOUT_SECS} s"
deadline=$((SECONDS + HEALTH_TIMEOUT_SECS))
while (( SECONDS < deadline )); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        server_status=0
        wait "$SERVER_PID" || server_status=$?
        SERVER_PID=""
        why="exited with status $server_status before answering GET /health"
        break
    fi
    code="$(python3 -c 'import sys, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=2).status)
except Exception:
    print(0)' "$BASE/health")"
    if [[ "$code" == 200 ]]; then
        ready=1
        break
    fi
    sleep 0.2
done
if [[ $ready -ne 1 ]]; then
    log "server $why; server log:"
    cat "$TMP/server.log" >&2 || true
    exit 1
fi
log "server ready after $((SECONDS - START_TIME)) s"

FLOW_STARTED=1
