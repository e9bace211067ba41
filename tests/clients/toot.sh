#!/usr/bin/env bash
# toot (Debian's package) against a running Kindred: the commands a person types. Run by
# Kindred.IntegrationTests.Mastodon.PythonClientTests with KINDRED_URL, KINDRED_USERNAME, KINDRED_EMAIL,
# KINDRED_FRIEND_USERNAME and KINDRED_PASSWORD set. Each step is one function; STEPS lists them in order, so a new
# feature is one more function and one more word there. toot's settings live in a throwaway directory.
set -euo pipefail

host=${KINDRED_URL#http://}
export XDG_CONFIG_HOME
XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
# Debian's toot runs on Debian's Python, whatever python3 comes first on the PATH.
toot() { /usr/bin/python3 /usr/bin/toot "$@"; }

fail() { echo "$1" >&2; exit 1; }

expect() { # expect TEXT COMMAND...: run the command, fail unless its output contains TEXT
    local text=$1 out
    shift
    out=$("$@" 2>&1) || fail "$* failed: $out"
    [[ $out == *"$text"* ]] || fail "$* did not say \"$text\": $out"
}

sign_in() {
    # The password grant, password on standard input as toot reads it when not on a terminal.
    expect "Successfully logged in" toot login_cli --instance "$host" --email "$KINDRED_EMAIL" --disable-https <<<"$KINDRED_PASSWORD"
}

whoami() { expect "@$KINDRED_USERNAME" toot whoami; }

post() { expect "Toot posted" toot post "Hello from toot"; }

timeline() { expect "Hello from toot" toot timeline --once; }

search() { expect "@$KINDRED_FRIEND_USERNAME" toot search "$KINDRED_FRIEND_USERNAME"; }

block_and_unblock() {
    # toot finds the account by searching for it (resolve=true): a blocked account must still be found to unblock it.
    expect "now blocking" toot block "$KINDRED_FRIEND_USERNAME"
    expect "no longer blocked" toot unblock "$KINDRED_FRIEND_USERNAME"
}

STEPS=(sign_in whoami post timeline search block_and_unblock)

for step in "${STEPS[@]}"; do
    "$step"
    echo "{\"step\":\"$step\",\"ok\":true}"
done
echo "{\"ok\":true,\"steps\":${#STEPS[@]}}"
