#!/usr/bin/env bash
# End-to-end client test: drives a freshly started weakties server with the real Mastodon.py library
# (tests/clients/mastodon_py_flow.py). Usage: tests/clients/mastodon_py.sh — see lib.sh for the environment.
set -euo pipefail
NAME=mastodon_py
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$VENV/bin/python" -u "$SCRIPT_DIR/mastodon_py_flow.py" "$BASE"
