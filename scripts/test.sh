#!/usr/bin/env bash
# The whole test suite: unit tests, integration tests on SQLite and on a throwaway PostgreSQL cluster the
# tests start themselves, the Mastodon client-library tests under Node and Python (Mastodon.py, toot), and the browser tests in Debian's
# Chromium. It first installs what those need when it is missing, so a fresh machine needs nothing else.
# Extra arguments go to `dotnet test` (for example --filter).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "Need root to run: $*" >&2; return 1
    fi
}

# Debian's Chromium drives the browser tests (never a browser downloaded by a test tool).
if [[ ! -x /usr/bin/chromium ]]; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-dejavu-core
fi

# Debian's redis-server for the multi-node tests (IntegrationTests/MultiNode start their own on a free port).
if [[ ! -x /usr/bin/redis-server && -z "${KINDRED_REDIS_SERVER:-}" ]]; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server
fi

# Debian's haproxy in front of the node processes of IntegrationTests/MultiNode (run from docs/deploy/haproxy.cfg).
if [[ ! -x /usr/sbin/haproxy && -z "${KINDRED_HAPROXY:-}" ]]; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y haproxy
fi

# Debian's nginx in front of the same node processes (run from docs/deploy/nginx.conf; a missing binary fails the tests).
if [[ ! -x /usr/sbin/nginx && -z "${KINDRED_NGINX:-}" ]]; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y nginx
fi

# PostgreSQL 15 server binaries for the throwaway test cluster.
if [[ ! -x /usr/lib/postgresql/15/bin/initdb && -z "${KINDRED_PG_BIN:-}" ]]; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15
fi

# masto.js and megalodon, pinned by tests/clients/package-lock.json, for the client compatibility test.
if ! command -v npm >/dev/null; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
fi
if [[ ! -d tests/clients/node_modules/masto || tests/clients/package-lock.json -nt tests/clients/node_modules/.package-lock.json ]]; then
    npm ci --prefix tests/clients --no-audit --no-fund
fi

# npm's s3rver, pinned by tests/tools/s3rver/package-lock.json: the S3-compatible server the media-store tests start on
# loopback (IntegrationTests/Media, ADR 98). Missing, those tests fail rather than skip.
if [[ ! -d tests/tools/s3rver/node_modules/s3rver || tests/tools/s3rver/package-lock.json -nt tests/tools/s3rver/node_modules/.package-lock.json ]]; then
    npm ci --prefix tests/tools/s3rver --no-audit --no-fund
fi

# npm's @fedify/fedify 1.5.9, pinned by tests/tools/fedify-peer/package-lock.json: the independent ActivityPub server the
# federation tests run beside Kindred (IntegrationTests/Peers, ADR 106). On CI a missing Node or npm is a failure.
if [[ "${CI:-}" == "true" ]] && ! { command -v node >/dev/null && command -v npm >/dev/null; }; then
    echo "Node and npm are needed for the Fedify peer (tests/tools/fedify-peer)." >&2
    exit 1
fi
if [[ ! -d tests/tools/fedify-peer/node_modules/@fedify/fedify || tests/tools/fedify-peer/package-lock.json -nt tests/tools/fedify-peer/node_modules/.package-lock.json ]]; then
    npm ci --prefix tests/tools/fedify-peer --no-audit --no-fund
fi

# Mastodon.py and toot from Debian's packages, websocket-client for a WebSocket stream from Python, and cryptography
# for Mastodon.py's web-push keys, for the client compatibility test (tests/clients/mastodon_py.py and toot.sh, run by
# /usr/bin/python3).
if ! /usr/bin/python3 -c "import mastodon, websocket, cryptography" 2>/dev/null || ! command -v toot >/dev/null; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-mastodon python3-websocket python3-cryptography toot
fi

dotnet tool restore >/dev/null
exec dotnet test Kindred.slnx "$@"
