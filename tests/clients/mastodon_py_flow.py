"""End-to-end client test: drives a running weakties server with the real Mastodon.py library.

Usage: python mastodon_py_flow.py BASE_URL      (e.g. http://127.0.0.1:8080)

Every request goes through Mastodon.py. The only addition is a `requests` response hook on the session that
Mastodon.py is given (a documented constructor/create_app parameter), used to record HTTP status codes so the
negative cases can assert what the server answered, not only which exception the library raised.

Prints `ok: <step>` per step; any failed check raises, so the exit status is non-zero.
"""

import datetime
import html
import re
import secrets
import sys
import warnings
from urllib.parse import urlparse

import requests
from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonIllegalArgumentError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonUnauthorizedError,
)

# Any warning Mastodon.py itself emits (e.g. "Mastodon version is detected as >= 4.3.0, but no API version
# found", or a deprecation header on a response) is a compatibility problem: turn it into an error.
warnings.filterwarnings("error", module=r"mastodon(\.|$)")

SCOPES = ["read", "write", "follow", "push"]
APP_NAME = "weakties-e2e"


def ok(step):
    print(f"ok: {step}", flush=True)


def html_text(fragment):
    """The text a reader sees in an HTML fragment: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def check(cond, what, got=None):
    if not cond:
        raise AssertionError(f"{what} (got: {got!r})")


class Recorder:
    """Remembers (method, path, status) of every response seen by the sessions it is attached to."""

    def __init__(self):
        self.seen = []

    def session(self):
        s = requests.Session()
        s.hooks["response"].append(self._hook)
        return s

    def _hook(self, response, *args, **kwargs):
        self.seen.append((response.request.method, urlparse(response.url).path, response.status_code))

    def last(self, method, path):
        for m, p, status in reversed(self.seen):
            if m == method and p == path:
                return status
        raise AssertionError(f"no {method} {path} request was recorded")


def main(base):
    base = base.rstrip("/")
    domain = urlparse(base).netloc
    rec = Recorder()

    # Unique per run, so the flow also works against a database that outlives the run (PostgreSQL in CI).
    username = "seeker_" + secrets.token_hex(4)
    email = f"{username}@example.org"
    password = "correct horse " + secrets.token_hex(4)

    # --- app registration -------------------------------------------------------------------------------
    client_id, client_secret = Mastodon.create_app(
        APP_NAME, scopes=SCOPES, api_base_url=base, to_file=None, session=rec.session()
    )
    check(isinstance(client_id, str) and client_id, "create_app client_id", client_id)
    check(isinstance(client_secret, str) and client_secret, "create_app client_secret", client_secret)
    ok("create_app")

    # --- version detection ------------------------------------------------------------------------------
    # Mastodon.py >= 2.0 defaults to version_check_mode="none", which never fetches the version. "created"
    # makes the constructor fetch /api/v1/instance and parse "4.3.0 (compatible; weakties 0.1.0)", and then
    # gates every @api_version-decorated call on it (instance_v2 needs 4.0.0, accounts() needs 4.3.0).
    api = Mastodon(
        client_id=client_id,
        client_secret=client_secret,
        api_base_url=base,
        version_check_mode="created",
        session=rec.session(),
    )
    check(
        (api.mastodon_major, api.mastodon_minor) == (4, 3),
        "version detected by the constructor",
        (api.mastodon_major, api.mastodon_minor, api.mastodon_patch),
    )
    version = api.retrieve_mastodon_version(fail_hard=True)
    check(version.startswith("4.3"), "retrieve_mastodon_version()", version)
    check(api.mastodon_api_version == 2, "api_versions.mastodon from /api/v2/instance", api.mastodon_api_version)
    check(api.verify_minimum_version("4.3.0", cached=True), "verify_minimum_version(4.3.0)")
    ok(f"version detection ({version}, api version {api.mastodon_api_version})")

    # --- instance ---------------------------------------------------------------------------------------
    v1 = api.instance_v1()
    check(v1.version == "4.3.0 (compatible; weakties 0.1.0)", "instance v1 version", v1.version)
    check(v1.configuration.statuses.max_characters == 140, "v1 max_characters", v1.configuration)
    check(v1.configuration.statuses.characters_reserved_per_url == 23, "v1 characters_reserved_per_url", v1.configuration)
    check(v1.uri == domain, "v1 uri", v1.uri)
    ok("instance_v1")

    v2 = api.instance_v2()
    check(v2.domain == domain, "v2 domain", v2.domain)
    check(v2.configuration.statuses.max_characters == 140, "v2 max_characters", v2.configuration)
    check(v2.configuration.statuses.characters_reserved_per_url == 23, "v2 characters_reserved_per_url", v2.configuration)
    check(v2.registrations.enabled is True, "v2 registrations.enabled", v2.registrations)
    ok("instance_v2")

    latest = api.instance()  # Mastodon.py picks v2 for servers >= 4.0.0
    check(latest.domain == domain, "instance() resolves to the v2 entity", latest)
    ok("instance")

    ni = api.instance_nodeinfo()
    check(ni.version == "2.0", "nodeinfo version", ni.version)
    check(ni.software.name == "weakties", "nodeinfo software.name", ni.software)
    check(ni.openRegistrations is True, "nodeinfo openRegistrations", ni.openRegistrations)
    ok("instance_nodeinfo")

    oauth_info = api.oauth_authorization_server_info()
    check("password" in oauth_info.grant_types_supported, "grant_types_supported has password", oauth_info)
    check(oauth_info.token_endpoint == f"{base}/oauth/token", "token_endpoint", oauth_info.token_endpoint)
    ok("oauth_authorization_server_info")

    # --- sign-up (client_credentials token, then POST /api/v1/accounts) -----------------------------------
    signup_token = api.create_account(username, password, email, agreement=True, scopes=SCOPES)
    check(isinstance(signup_token, str) and signup_token, "create_account token", signup_token)
    check(api.access_token == signup_token, "create_account logs the object in")
    ok("create_account")

    me = api.account_verify_credentials()
    check(me.username == username, "verify_credentials (sign-up token) username", me.username)
    ok("account_verify_credentials with the sign-up token")

    # --- password grant ---------------------------------------------------------------------------------
    # The server advertises an http:// token_endpoint in /.well-known/oauth-authorization-server; Mastodon.py
    # refuses non-https OAuth URLs unless allow_http=True ("recommended only for testing").
    user = Mastodon(
        client_id=client_id,
        client_secret=client_secret,
        api_base_url=base,
        version_check_mode="created",
        session=rec.session(),
    )
    token = user.log_in(email, password, scopes=SCOPES, allow_http=True)
    check(isinstance(token, str) and token and token != signup_token, "log_in token", token)
    ok("log_in (password grant)")

    me = user.account_verify_credentials()
    check(me.username == username, "username", me.username)
    check(me.acct == username, "acct", me.acct)
    check("source" in me and me.source is not None, "source present", me)
    check(me.followers_count == 0, "followers_count", me.followers_count)
    check(me.following_count == 0, "following_count", me.following_count)
    check(me.statuses_count == 0, "statuses_count", me.statuses_count)
    check(isinstance(me.created_at, datetime.datetime), "created_at parsed as datetime", me.created_at)
    check(me.url == f"{base}/@{username}", "url", me.url)
    my_id = me.id
    ok("account_verify_credentials")

    # --- profile update ---------------------------------------------------------------------------------
    updated = user.account_update_credentials(
        display_name="Job Seeker",
        note="Thanks @Zaibatsu",
        fields=[("Site", "https://example.org")],
    )
    check(updated.display_name == "Job Seeker", "update_credentials response display_name", updated.display_name)
    ok("account_update_credentials")

    me = user.account_verify_credentials()
    check(me.display_name == "Job Seeker", "display_name", me.display_name)
    check(me.note.lstrip().startswith("<") and "Thanks" in me.note, "note rendered as HTML", me.note)
    check(html_text(me.note) == "Thanks @Zaibatsu", "note's text", me.note)
    check(me.source.note == "Thanks @Zaibatsu", "source.note is the plain text", me.source.note)
    check(len(me.fields) == 1 and me.fields[0].name == "Site", "fields[0].name", me.fields)
    check(html_text(me.fields[0].value) == "https://example.org", "fields[0].value (HTML)", me.fields[0].value)
    check(
        len(me.source.fields) == 1 and me.source.fields[0].value == "https://example.org",
        "source.fields",
        me.source.fields,
    )
    ok("profile shown by account_verify_credentials")

    # --- account lookups --------------------------------------------------------------------------------
    by_id = user.account(my_id)
    check(by_id.id == my_id and by_id.username == username, "account(id)", by_id)
    # (Mastodon.py's entity casting fills absent attributes with None, so test the value, not the key.)
    check(by_id.get("source") is None, "public account entity has no source", by_id.get("source"))
    by_name = user.account_lookup(username)
    check(by_name.id == my_id, "account_lookup(username)", by_name.id)
    many = user.accounts([my_id])
    check(len(many) == 1 and many[0].id == my_id, "accounts([id])", many)
    ok("account / account_lookup / accounts")

    # --- app -------------------------------------------------------------------------------------------
    app = user.app_verify_credentials()
    check(app.name == APP_NAME, "app_verify_credentials name", app)
    ok("app_verify_credentials")

    # --- negative cases ---------------------------------------------------------------------------------
    # create_account() sends POST /api/v1/accounts with skip_error_check=True and raises
    # MastodonIllegalArgumentError itself when the body has an "error" key (it never raises MastodonAPIError
    # for a refused sign-up). The server's status code is checked through the recorded response.
    taken = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=base, session=rec.session())
    try:
        taken.create_account(username, "another password", f"other_{email}", agreement=True, scopes=SCOPES)
    except MastodonIllegalArgumentError as e:
        check(rec.last("POST", "/api/v1/accounts") == 422, "duplicate sign-up HTTP status", rec.seen[-1])
        check(taken.access_token is None, "no token after refused sign-up", taken.access_token)
        print(f"   duplicate username refused: {e}")
    else:
        raise AssertionError("creating the same username twice succeeded")
    token2, details = taken.create_account(
        username, "another password", f"other2_{email}", agreement=True, scopes=SCOPES, return_detailed_error=True
    )
    check(token2 is None, "detailed error: token is None", token2)
    check(
        details.details.username[0].error == "ERR_TAKEN",
        "detailed error: details.username[0].error",
        details,
    )
    ok("duplicate username refused (422, ERR_TAKEN)")

    # log_in() wraps any failure of the token request in MastodonIllegalArgumentError
    # ("Invalid user name, password, or redirect_uris: ...").
    wrong = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=base, session=rec.session())
    try:
        wrong.log_in(email, "not the password", scopes=SCOPES, allow_http=True)
    except MastodonIllegalArgumentError as e:
        status = rec.last("POST", "/oauth/token")
        check(status in (400, 401), "wrong password HTTP status", status)
        check(isinstance(e.__context__, MastodonAPIError), "wrapped exception is a MastodonAPIError", e.__context__)
        print(f"   wrong password refused with HTTP {status}: {e}")
    else:
        raise AssertionError("log_in with a wrong password succeeded")
    check(wrong.access_token is None, "no token after failed log_in", wrong.access_token)
    ok("wrong password refused")

    # --- token revocation -------------------------------------------------------------------------------
    user.revoke_access_token(allow_http=True)
    check(user.access_token is None, "revoke_access_token clears the token")
    user.access_token = token
    try:
        user.account_verify_credentials()
    except MastodonUnauthorizedError:
        pass
    else:
        raise AssertionError("a revoked token still works")
    # The sign-up token is a different token and must keep working.
    check(api.account_verify_credentials().id == my_id, "sign-up token still valid")
    ok("revoke_access_token")

    # --- authorization-code grant, as GUI apps sign in -------------------------------------------------
    # Mastodon.py builds the authorize URL; a person signs in and approves on our page (here a plain form
    # post of the page's own fields); with the out-of-band redirect the page shows the code, which the app
    # exchanges with log_in(code=...).
    coder = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=base, session=rec.session())
    page = requests.get(coder.auth_request_url(scopes=SCOPES, allow_http=True))
    check(page.status_code == 200 and APP_NAME in page.text, "authorize page names the app", page.status_code)
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.text)
    form = {name: html.unescape(value) for name, value in fields}
    form.update(login=email, password=password, decision="approve")
    shown = requests.post(f"{base}/oauth/authorize", data=form, allow_redirects=False)
    found = re.search(r'<code id="code">([^<]+)</code>', shown.text)
    check(shown.status_code == 200 and found, "the page shows the code", shown.status_code)
    coder.log_in(code=html.unescape(found.group(1)), scopes=SCOPES, allow_http=True)
    check(coder.account_verify_credentials().id == my_id, "the code's token speaks for the account")
    ok("authorization code grant (auth_request_url + log_in(code=...))")

    social(base, rec, client_id, client_secret, coder, username)

    # --- helpers that read server basics ------------------------------------------------------------
    # Mastodon.py compares the body of GET /health with `OK`, and reads the Date header of HEAD /.
    check(api.instance_health() is True, "instance_health() is True")
    ok("instance_health()")
    check(isinstance(api.get_approx_server_time(), datetime.datetime), "get_approx_server_time() gives a datetime")
    ok("get_approx_server_time()")

    # Last, as it spends this address's whole API budget.
    rate_limits(base, rec, client_id, client_secret, coder)

    print("all steps passed")


def new_account(base, rec, client_id, client_secret, prefix):
    """Signs a fresh account up through Mastodon.py's create_account; returns its username and API."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    api = Mastodon(
        client_id=client_id, client_secret=client_secret, api_base_url=base,
        version_check_mode="created", session=rec.session(),
    )
    api.create_account(name, f"{prefix} password {secrets.token_hex(4)}",
                       f"{name}@example.org", agreement=True, scopes=SCOPES)
    return name, api


def social(base, rec, client_id, client_secret, me_api, username):
    """Two accounts: follow, a post with a mention, a reply, a reblog, a favourite, the home timeline paged
    with fetch_next, and a 141-character post refused."""
    friend_name, friend = new_account(base, rec, client_id, client_secret, "friend")
    friend_id = friend.account_verify_credentials().id
    me_id = me_api.account_verify_credentials().id

    rel = me_api.account_follow(friend_id)
    check(rel.following is True, "account_follow -> following", rel)
    again = me_api.account_follow(friend_id)
    check(again.following is True, "following twice is fine", again)
    rels = me_api.account_relationships([friend_id])
    check(len(rels) == 1 and rels[0].following, "account_relationships", rels)
    followers = friend.account_followers(friend_id)
    check([a.id for a in followers] == [me_id], "account_followers", followers)
    ok("account_follow / account_relationships / account_followers")

    tip = friend.status_post("Tip: thank the people who help you #jobs")
    check(tip.account.id == friend_id and tip.tags[0].name == "jobs", "status_post by friend", tip)
    thanks = me_api.status_post(f"thanks @{friend_name} for the tip!", visibility="public")
    check([m.id for m in thanks.mentions] == [friend_id], "mention resolved", thanks.mentions)
    check(f"/@{friend_name}" in thanks.content, "mention linked in content", thanks.content)
    ok("status_post with a mention")

    reply = friend.status_reply(thanks, "any time!")
    check(reply.in_reply_to_id == thanks.id, "status_reply in_reply_to_id", reply)
    # status_reply() prefixes the text with a mention of the author it answers.
    check([m.id for m in reply.mentions] == [me_id], "the reply mentions the author", reply.mentions)
    context = me_api.status_context(thanks.id)
    check([s.id for s in context.descendants] == [reply.id], "status_context descendants", context)
    ok("status_reply / status_context")

    boosted = me_api.status_reblog(tip.id)
    check(boosted.reblog.id == tip.id and boosted.reblogged, "status_reblog wraps the original", boosted)
    faved = friend.status_favourite(thanks.id)
    check(faved.favourited and faved.favourites_count == 1, "status_favourite", faved)
    check(friend.status(tip.id).reblogs_count == 1, "reblogs_count on the original")
    check([a.id for a in friend.status_reblogged_by(tip.id)] == [me_id], "status_reblogged_by")
    check([a.id for a in me_api.status_favourited_by(thanks.id)] == [friend_id], "status_favourited_by")
    ok("status_reblog / status_favourite / reblogged_by / favourited_by")

    notifications(friend, me_api, me_id, friend_id, tip, thanks, reply)
    search(me_api, friend_name, friend_id, tip)
    suggestions(base, rec, client_id, client_secret, me_api, me_id, friend, friend_name)

    for i in range(5):
        friend.status_post(f"update {i}")
    first = me_api.timeline_home(limit=3)
    # Mastodon.py compares IDs as integers (Mastodon's snowflakes); ours are UUIDv7 strings, which sort by
    # time as text, so compare them as text.
    seen = [str(s.id) for s in first]
    page = first
    while True:
        page = me_api.fetch_next(page)
        if not page:
            break
        seen.extend(str(s.id) for s in page)
    check(len(seen) == len(set(seen)), "no duplicates across pages", seen)
    # own thanks, the reply, the reblog of the tip, the tip itself, five updates
    check(len(seen) == 9, "home timeline holds everything once", len(seen))
    check(seen == sorted(seen, reverse=True), "newest first across pages", seen)
    ok(f"timeline_home paged with fetch_next ({len(seen)} statuses)")

    try:
        me_api.status_post("x" * 141)
    except MastodonAPIError as e:
        check(rec.last("POST", "/api/v1/statuses") == 422, "141 characters -> HTTP 422", rec.seen[-1])
        check("141" in str(e), "the error gives the count", str(e))
    else:
        raise AssertionError("a 141-character post was accepted")
    me_api.status_post("x" * 140)
    ok("141 characters refused, 140 accepted")


def suggestions(base, rec, client_id, client_secret, me_api, me_id, friend, friend_name):
    """Who to follow: an account the friend follows is suggested with its reason, and gone once dismissed."""
    _, helper = new_account(base, rec, client_id, client_secret, "helper")
    helper_id = helper.account_verify_credentials().id
    friend.account_follow(helper_id)

    # suggestions() asks the v2 endpoint (the server reports 4.3.0) and unpacks the accounts.
    accounts = me_api.suggestions()
    check(rec.last("GET", "/api/v2/suggestions") == 200, "suggestions() asks the v2 endpoint", rec.seen[-1])
    ids = [a.id for a in accounts]
    check(helper_id in ids, "the account a followed account follows is suggested", ids)
    check(me_id not in ids and friend.account_verify_credentials().id not in ids,
          "neither oneself nor whom one follows", ids)
    found = me_api.suggestions_v2()
    item = next(s for s in found if s.account.id == helper_id)
    check(item.sources == ["friends_of_friends"] and item.source == "past_interactions", "sources", item)
    check(item.explanation.text == f"Followed by @{friend_name}", "the reason in words", item.explanation)
    check([a.id for a in me_api.suggestions_v1()] == ids, "the deprecated v1 list, the same accounts")

    me_api.suggestion_delete(helper_id)
    check(rec.last("DELETE", f"/api/v1/suggestions/{helper_id}") == 200, "suggestion_delete", rec.seen[-1])
    check(helper_id not in [a.id for a in me_api.suggestions()], "a dismissed account stays away")
    ok("suggestions / suggestions_v2 / suggestions_v1 / suggestion_delete")


def notifications(friend, me_api, me_id, friend_id, tip, thanks, reply):
    """What the follow, the mention, the reblog and the favourite above told each account."""
    theirs = friend.notifications()
    kinds = sorted((n.type, str(n.account.id)) for n in theirs)
    check(
        kinds == sorted([("follow", str(me_id)), ("mention", str(me_id)), ("reblog", str(me_id))]),
        "the friend was told of the follow, the mention and the reblog",
        kinds,
    )
    by_type = {n.type: n for n in theirs}
    check(by_type["mention"].status.id == thanks.id, "the mention notification shows the post", by_type["mention"])
    check(by_type["reblog"].status.id == tip.id, "the reblog notification shows the original", by_type["reblog"])
    check(by_type["follow"].status is None, "a follow notification has no status", by_type["follow"])
    mine = me_api.notifications()
    kinds = sorted((n.type, str(n.account.id)) for n in mine)
    check(
        kinds == sorted([("favourite", str(friend_id)), ("mention", str(friend_id))]),
        "I was told of the favourite and of the reply's mention",
        kinds,
    )
    only = friend.notifications(types=["mention"])
    check([n.type for n in only] == ["mention"], "notifications(types=[mention])", only)
    without = friend.notifications(exclude_types=["follow", "reblog"])
    check([n.type for n in without] == ["mention"], "notifications(exclude_types=...)", without)
    one = friend.notifications(id=by_type["follow"].id)
    check(one.type == "follow", "notifications(id=...)", one)
    try:
        me_api.notifications(id=by_type["follow"].id)
    except MastodonNotFoundError:
        pass
    else:
        raise AssertionError("another account's notification was shown")
    friend.notifications_dismiss(by_type["follow"].id)
    check(len(friend.notifications()) == 2, "dismissed one", friend.notifications())
    friend.notifications_clear()
    check(friend.notifications() == [], "notifications_clear")
    check(len(me_api.notifications()) == 2, "clearing touched only the friend's", me_api.notifications())
    ok("notifications (follow, mention, reblog, favourite; types, exclude_types, id, dismiss, clear)")


def search(me_api, friend_name, friend_id, tip):
    found = me_api.search_v2(friend_name[:9].upper(), result_type="accounts")
    check(str(friend_id) in [str(a.id) for a in found.accounts], "search_v2 finds the account by prefix", found)
    tags = me_api.search_v2("#jo", result_type="hashtags")
    check("jobs" in [t.name for t in tags.hashtags], "search_v2 finds the hashtag by prefix", tags)
    posts = me_api.search_v2("THANK people", result_type="statuses")
    check([s.id for s in posts.statuses] == [tip.id], "search_v2 finds the post by its words", posts)
    accounts = me_api.account_search(friend_name, following=True)
    check([a.id for a in accounts] == [friend_id], "account_search(following=True)", accounts)
    ok("search_v2 (accounts, hashtags, statuses) / account_search")


def rate_limits(base, rec, client_id, client_secret, api):
    """Mastodon.py reads X-RateLimit-* from every answer; in "throw" mode it raises on our 429."""
    api.account_verify_credentials()
    check(api.ratelimit_limit == 300, "X-RateLimit-Limit read", api.ratelimit_limit)
    before = api.ratelimit_remaining
    api.account_verify_credentials()
    check(api.ratelimit_remaining == before - 1, "X-RateLimit-Remaining counts down", api.ratelimit_remaining)
    check(
        api.ratelimit_reset is not None and api.ratelimit_reset > api.ratelimit_lastcall - 1,
        "X-RateLimit-Reset read as a time to come",
        (api.ratelimit_reset, api.ratelimit_lastcall),
    )
    thrower = Mastodon(
        client_id=client_id, client_secret=client_secret, access_token=api.access_token,
        api_base_url=base, ratelimit_method="throw", session=rec.session(),
    )
    # The budget refills one request a second (300 per 5 minutes), so a few more may pass than were left.
    left = api.ratelimit_remaining
    passed = 0
    try:
        while passed <= left + 60:
            thrower.account_verify_credentials()
            passed += 1
    except MastodonRatelimitError:
        check(rec.last("GET", "/api/v1/accounts/verify_credentials") == 429, "HTTP 429", rec.seen[-1])
    else:
        raise AssertionError("no request was refused")
    check(left <= passed <= left + 60, "about the remaining budget passed", (left, passed))
    ok(f"rate limits: headers read; {passed} more requests passed ({left} were left), then MastodonRatelimitError")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: mastodon_py_flow.py BASE_URL")
    main(sys.argv[1])
