#!/usr/bin/env bash
# End-to-end client test with masto.js (npm `masto`, pinned in package.json): an app, an app token, two
# sign-ups, a follow, posts, and the follower's home timeline read with masto.js's own paginator
# (tests/clients/masto_js_flow.mjs). Usage: tests/clients/masto_js.sh — see lib.sh for the environment.
set -euo pipefail
NAME=masto_js
CLIENT_LIBS=node
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$NODE" "$SCRIPT_DIR/masto_js_flow.mjs" "$BASE"
