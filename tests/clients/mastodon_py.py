#!/usr/bin/python3
"""Mastodon.py (Debian's python3-mastodon) against a running Kindred: the steps a Python app takes.

Run by Kindred.IntegrationTests.Mastodon.PythonClientTests with KINDRED_URL, KINDRED_USERNAME, KINDRED_FRIEND_USERNAME
and KINDRED_PASSWORD set. Each step is one function taking the shared context; STEPS lists them in order, so a new
feature is one more function and one more line there. The script prints one JSON line per step and exits non-zero
at the first failure, naming the step.
"""
import json
import os
import sys
import threading
import time
import traceback
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from urllib.parse import urlparse

import requests
import websocket
from mastodon import Mastodon, StreamListener
from mastodon.errors import MastodonNotFoundError

URL = os.environ["KINDRED_URL"].rstrip("/")
USERNAME = os.environ["KINDRED_USERNAME"]
FRIEND = os.environ["KINDRED_FRIEND_USERNAME"]
PASSWORD = os.environ["KINDRED_PASSWORD"]
OOB = "urn:ietf:wg:oauth:2.0:oob"
SCOPES = ["read", "write", "follow", "push"]
PATIENCE = 20  # seconds to wait for a streamed event


class Hidden(HTMLParser):
    """The hidden fields of a page's forms (the antiforgery token, the consent's OAuth parameters) and the code shown
    for an out-of-band redirect."""

    def __init__(self, page):
        super().__init__()
        self.fields = {}
        self.code = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.fields.setdefault(attrs["name"], attrs.get("value") or "")
        if tag == "input" and attrs.get("id") == "code":
            self.code = attrs.get("value")


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def client(ctx, **kwargs):
    return Mastodon(api_base_url=URL, client_id=ctx["client_id"], client_secret=ctx["client_secret"], **kwargs)


def register_app(ctx):
    ctx["client_id"], ctx["client_secret"] = Mastodon.create_app(
        "Mastodon.py compatibility", scopes=SCOPES, redirect_uris=OOB, api_base_url=URL)


def sign_in_with_password(ctx):
    # log_in reads the token response's "scope" and refuses a token without the scopes asked for.
    m = client(ctx)
    ctx["token"] = m.log_in(USERNAME, PASSWORD, scopes=SCOPES)
    ctx["m"] = m


def sign_in_with_authorization_code(ctx):
    m = client(ctx)
    authorize = m.auth_request_url(redirect_uris=OOB, scopes=SCOPES)
    browser = requests.Session()
    # Signed out, the consent page sends the browser to the sign-in form, which comes back to the consent page.
    sign_in = browser.get(authorize)
    check(urlparse(sign_in.url).path == "/account/sign-in", f"expected the sign-in page, got {sign_in.url}")
    fields = Hidden(sign_in.text).fields
    fields.update({"_handler": "sign-in", "Input.Username": USERNAME, "Input.Password": PASSWORD})
    consent = browser.post(sign_in.url, data=fields)
    check(urlparse(consent.url).path == "/oauth/authorize", f"sign-in did not return to the consent page: {consent.url}")
    fields = Hidden(consent.text).fields
    fields["decision"] = "allow"
    shown = browser.post(URL + "/oauth/authorize", data=fields)
    code = Hidden(shown.text).code
    check(code, f"no code on the out-of-band page ({shown.status_code})")
    # Mastodon.py sends "scope" with the code, as Mastodon documents; OpenIddict used to refuse it (ID2074).
    m.log_in(code=code, redirect_uri=OOB, scopes=SCOPES)
    check(m.account_verify_credentials()["username"] == USERNAME, "the code's token is someone else's")


def verify_credentials(ctx):
    me = ctx["m"].account_verify_credentials()
    check(me["username"] == USERNAME, f"verify_credentials said {me['username']}")
    ctx["me"] = me


def post_and_read_home(ctx):
    status = ctx["m"].status_post("Hello from Mastodon.py")
    check(any(s["id"] == status["id"] for s in ctx["m"].timeline_home()), "the post is not on the home timeline")


class Collector(StreamListener):
    def __init__(self):
        super().__init__()
        self.updates = []
        self.heartbeats = 0
        self.errors = []
        self.changed = threading.Event()

    def on_update(self, status):
        self.updates.append(status["id"])
        self.changed.set()

    def handle_heartbeat(self):
        self.heartbeats += 1
        self.changed.set()

    def on_abort(self, err):
        self.errors.append(repr(err))
        self.changed.set()


def wait_for(predicate, what):
    deadline = time.monotonic() + PATIENCE
    while not predicate():
        check(time.monotonic() < deadline, f"gave up waiting for {what}")
        time.sleep(0.1)


def stream_over_server_sent_events(ctx):
    listener = Collector()
    handle = ctx["m"].stream_user(listener, run_async=True, reconnect_async=False)
    try:
        wait_for(lambda: handle.is_receiving() or listener.errors, "the event stream to open")
        status = ctx["m"].status_post("Streamed to Mastodon.py over server-sent events")
        wait_for(lambda: status["id"] in listener.updates or listener.errors, "the update on the event stream")
        # The test server beats every second: Mastodon.py reads ":thump" as a heartbeat, not as a broken event.
        wait_for(lambda: listener.heartbeats > 0 or listener.errors, "a heartbeat")
        check(not listener.errors, f"the listener failed: {listener.errors}")
    finally:
        handle.close()


def stream_over_websocket(ctx):
    ws_url = URL.replace("http", "ws", 1) + "/api/v1/streaming?stream=user"
    ws = websocket.create_connection(ws_url, header=[f"Authorization: Bearer {ctx['token']}"], timeout=PATIENCE)
    try:
        status = ctx["m"].status_post("Streamed to Python over a WebSocket")
        deadline = time.monotonic() + PATIENCE
        while True:
            check(time.monotonic() < deadline, "no update on the WebSocket")
            message = json.loads(ws.recv())
            if message.get("event") == "update" and json.loads(message["payload"])["id"] == str(status["id"]):
                check(message["stream"] == ["user"], f"stream named {message['stream']}")
                break
    finally:
        ws.close()


def filter_a_keyword(ctx):
    m = ctx["m"]
    created = m.filter_create("rhubarb", ["home"], irreversible=False, whole_word=True)
    try:
        check(any(f["id"] == created["id"] for f in m.filters()), "the filter is not listed")
        status = m.status_post("Too much rhubarb again")
        home = m.timeline_home()
        check(any(s["id"] == status["id"] for s in home), "the filtered post is not on the home timeline at all")
        check(all(s["id"] != status["id"] for s in m.filters_apply(home, m.filters(), "home")),
              "Mastodon.py's filters_apply kept the post")
    finally:
        m.filter_delete(created["id"])


def find_a_blocked_account_to_unblock(ctx):
    m = ctx["m"]
    friend = m.account_lookup(FRIEND)
    m.account_block(friend["id"])
    found = m.search_v2("@" + FRIEND, result_type="accounts")["accounts"]
    check([a["id"] for a in found] == [friend["id"]], f"an exact @handle search did not find the blocked account: {found}")
    check(not m.account_unblock(found[0]["id"])["blocking"], "still blocking")


def instance_figures(ctx):
    m = ctx["m"]
    check(m.instance()["stats"]["status_count"] > 0, "status_count is 0 after posting")
    activity = m.instance_activity()
    check(len(activity) == 12, f"{len(activity)} weeks of activity")
    check(activity[0]["statuses"] > 0, "this week's activity counts no post")
    check(list(m.instance_peers()) == [], "peers before federation")


def schedule_a_post(ctx):
    m = ctx["m"]
    at = datetime.now(timezone.utc) + timedelta(hours=2)
    scheduled = m.status_post("Written now, out in two hours", scheduled_at=at)
    check("scheduled_at" in scheduled and "params" in scheduled, f"not a ScheduledStatus: {sorted(scheduled)}")
    check(all(s.get("content", "").find("out in two hours") < 0 for s in m.timeline_home()), "the post went out at once")
    check([s["id"] for s in m.scheduled_statuses()] == [scheduled["id"]], "the scheduled post is not listed")
    later = m.scheduled_status_update(scheduled["id"], at + timedelta(days=1))
    check(later["scheduled_at"] > scheduled["scheduled_at"], "the new time was not kept")
    m.scheduled_status_delete(scheduled["id"])
    check(m.scheduled_statuses() == [], "the cancelled post is still listed")


def follow_a_tag(ctx):
    # Mastodon.py 1.8 has no tag-following methods; an app calls the documented endpoints through its own request.
    m = ctx["m"]
    followed = m._Mastodon__api_request("POST", "/api/v1/tags/allotments/follow")
    check(followed["name"].lower() == "allotments" and followed["following"], f"not followed: {followed}")
    check([t["name"].lower() for t in m._Mastodon__api_request("GET", "/api/v1/followed_tags")] == ["allotments"],
          "the tag is not among the followed ones")
    unfollowed = m._Mastodon__api_request("POST", "/api/v1/tags/allotments/unfollow")
    check(not unfollowed["following"], "still following the tag")


def subscribe_to_push(ctx):
    m = ctx["m"]
    keys = m.push_subscription_generate_keys()
    endpoint = "https://push.example.net/subscription/mastodon-py"
    created = m.push_subscription_set(endpoint, keys[1], mention_events=True, follow_events=True)
    check(created["endpoint"] == endpoint, f"another endpoint: {created['endpoint']}")
    check(created["alerts"]["mention"] and created["alerts"]["follow"] and not created["alerts"]["favourite"],
          f"alerts not as asked: {created['alerts']}")
    check(created["server_key"] == m.instance()["configuration"]["vapid"]["public_key"],
          "the subscription's server key is not the instance's VAPID key")
    check(m.push_subscription()["id"] == created["id"], "the subscription does not read back")
    m._Mastodon__api_request("DELETE", "/api/v1/push/subscription")
    try:
        m.push_subscription()
    except MastodonNotFoundError:
        return
    raise AssertionError("the deleted subscription still answers")


def unknown_endpoint_is_not_found(ctx):
    try:
        ctx["m"]._Mastodon__api_request("GET", "/api/v1/no_such_thing")
    except MastodonNotFoundError as e:
        check("Record not found" in str(e), f"unexpected error text: {e}")
        return
    raise AssertionError("an unknown endpoint answered")


STEPS = [
    register_app,
    sign_in_with_password,
    sign_in_with_authorization_code,
    verify_credentials,
    post_and_read_home,
    stream_over_server_sent_events,
    stream_over_websocket,
    filter_a_keyword,
    find_a_blocked_account_to_unblock,
    instance_figures,
    schedule_a_post,
    follow_a_tag,
    subscribe_to_push,
    unknown_endpoint_is_not_found,
]


def main():
    ctx = {}
    for step in STEPS:
        started = time.monotonic()
        try:
            step(ctx)
        except Exception:
            print(json.dumps({"step": step.__name__, "ok": False}))
            traceback.print_exc()
            return 1
        print(json.dumps({"step": step.__name__, "ok": True, "seconds": round(time.monotonic() - started, 2)}))
    print(json.dumps({"ok": True, "steps": len(STEPS)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
