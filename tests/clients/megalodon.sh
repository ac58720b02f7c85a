#!/usr/bin/env bash
# End-to-end client test with megalodon (npm `megalodon`, pinned in package.json): server detection must
# answer "mastodon", then an app, a sign-up, a post and the home timeline (tests/clients/megalodon_flow.mjs).
# Usage: tests/clients/megalodon.sh — see lib.sh for the environment.
set -euo pipefail
NAME=megalodon
CLIENT_LIBS=node
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$NODE" "$SCRIPT_DIR/megalodon_flow.mjs" "$BASE"
