#!/usr/bin/env bash
# End-to-end client test with the `toot` CLI (PyPI `toot`, pinned in requirements.txt): an operator creates
# an account, then toot logs in from the console, posts, reads the home timeline (as text and as JSON) and
# has a 141-character post refused. Usage: tests/clients/toot.sh — see lib.sh for the environment.
set -euo pipefail
NAME=toot
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TOOT="$VENV/bin/toot"
export XDG_CONFIG_HOME="$TMP/config"   # toot keeps its app and token in $XDG_CONFIG_HOME/toot
USER_NAME="tooter_$(python3 -c 'import secrets; print(secrets.token_hex(4))')"
EMAIL="$USER_NAME@example.org"
PASSWORD="toot password $RANDOM$RANDOM"

ok() { printf 'ok: %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

printf '%s\n' "$PASSWORD" | WEAKTIES__DATABASE__URL="$DB_URL" "$BIN" create-account \
    --username "$USER_NAME" --email "$EMAIL" >/dev/null
ok "account created with weakties create-account"

# login_cli reads the password from standard input when it is not a terminal.
printf '%s\n' "$PASSWORD" | "$TOOT" login_cli --instance "$BASE" --email "$EMAIL" >"$TMP/login.out" 2>&1 \
    || fail "toot login_cli: $(cat "$TMP/login.out")"
grep -q "Successfully logged in" "$TMP/login.out" || fail "login_cli output: $(cat "$TMP/login.out")"
"$TOOT" whoami | grep -q "@$USER_NAME" || fail "toot whoami does not show @$USER_NAME"
ok "toot login_cli + whoami"

TEXT="hello from toot, thanks @$USER_NAME #jobs"
"$TOOT" post "$TEXT" >"$TMP/post.out" 2>&1 || fail "toot post: $(cat "$TMP/post.out")"
grep -q "Toot posted: $BASE/@$USER_NAME/" "$TMP/post.out" || fail "toot post output: $(cat "$TMP/post.out")"
ok "toot post"

"$TOOT" timelines home --json >"$TMP/home.json" || fail "toot timelines home --json"
"$VENV/bin/python" - "$TMP/home.json" "$USER_NAME" <<'PY' || fail "home timeline JSON"
import json, sys
statuses = json.load(open(sys.argv[1]))
assert len(statuses) == 1, statuses
status = statuses[0]
assert status["account"]["username"] == sys.argv[2], status["account"]
assert status["tags"] == [{"name": "jobs", "url": status["tags"][0]["url"]}], status["tags"]
assert [m["username"] for m in status["mentions"]] == [sys.argv[2]], status["mentions"]
PY
"$TOOT" timelines home --no-pager --no-clear >"$TMP/home.txt" 2>&1 || fail "toot timelines home"
grep -q "hello from toot" "$TMP/home.txt" || fail "home timeline text: $(cat "$TMP/home.txt")"
ok "toot timelines home (text and JSON)"

LONG="$(printf 'x%.0s' $(seq 1 141))"
if "$TOOT" post "$LONG" >"$TMP/long.out" 2>&1; then
    fail "a 141-character post was accepted"
fi
grep -q "141" "$TMP/long.out" || fail "the refusal does not give the count: $(cat "$TMP/long.out")"
ok "141 characters refused: $(tail -n 1 "$TMP/long.out")"

# Another account (made by the operator too) follows the toot user, mentions it and favourites its post,
# through the plain HTTP API; then toot shows the notifications.
FRIEND="friend_$(python3 -c 'import secrets; print(secrets.token_hex(4))')"
printf '%s\n' "$PASSWORD" | WEAKTIES__DATABASE__URL="$DB_URL" "$BIN" create-account \
    --username "$FRIEND" --email "$FRIEND@example.org" >/dev/null
"$VENV/bin/python" - "$BASE" "$FRIEND@example.org" "$PASSWORD" "$USER_NAME" "$TMP/home.json" <<'PY' \
    || fail "the friend's actions"
import json, sys, urllib.parse, urllib.request
base, login, password, target, home = sys.argv[1:]

def call(method, path, token=None, **form):
    data = urllib.parse.urlencode(form).encode() if method == "POST" else None
    req = urllib.request.Request(base + path, data=data, method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    return json.load(urllib.request.urlopen(req))

app = call("POST", "/api/v1/apps", client_name="toot friend", redirect_uris="urn:ietf:wg:oauth:2.0:oob",
           scopes="read write follow")
token = call("POST", "/oauth/token", grant_type="password", client_id=app["client_id"],
             client_secret=app["client_secret"], username=login, password=password,
             scope="read write follow")["access_token"]
account = call("GET", "/api/v1/accounts/lookup?acct=" + target, token)
call("POST", f"/api/v1/accounts/{account['id']}/follow", token)
call("POST", "/api/v1/statuses", token, status=f"thanks @{target} for the intro")
post = json.load(open(home))[0]
call("POST", f"/api/v1/statuses/{post['id']}/favourite", token)
PY
"$TOOT" notifications >"$TMP/notifications.txt" 2>&1 || fail "toot notifications: $(cat "$TMP/notifications.txt")"
for line in "now follows you" "mentioned you" "favourited your status" "thanks @$USER_NAME for the intro"; do
    grep -q "$line" "$TMP/notifications.txt" || fail "notifications lack \"$line\": $(cat "$TMP/notifications.txt")"
done
"$TOOT" notifications --type mention --json >"$TMP/mentions.json" || fail "toot notifications --json"
"$VENV/bin/python" - "$TMP/mentions.json" "$FRIEND" <<'PY' || fail "mention notifications JSON"
import json, sys
notes = json.load(open(sys.argv[1]))
assert [(n["type"], n["account"]["username"]) for n in notes] == [("mention", sys.argv[2])], notes
PY
"$TOOT" notifications --clear >/dev/null || fail "toot notifications --clear"
"$TOOT" notifications | grep -q "You have no notifications" || fail "notifications left after --clear"
ok "toot notifications (follow, mention, favourite; --type, --json, --clear)"
