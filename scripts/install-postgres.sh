#!/usr/bin/env bash
# Installs Debian's postgresql (server binaries: initdb, pg_ctl, postgres) when none is present, for the
# store and API tests on PostgreSQL (scripts/with-postgres.sh starts a throwaway server from them).
# Quiet and idempotent: does nothing when a server is already installed. Needs root (or sudo) and
# apt-get only when it has to install.
set -euo pipefail

have_server() {
    local bin
    for bin in /usr/lib/postgresql/*/bin; do
        [[ -x "$bin/initdb" && -x "$bin/pg_ctl" ]] && return 0
    done
    # A server installed elsewhere (not Debian's layout) with its tools on PATH.
    command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1
}

if have_server; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-postgres.sh: no PostgreSQL server found and no apt-get to install it;" \
        "install PostgreSQL (initdb, pg_ctl) yourself" >&2
    exit 1
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo=(sudo -n)
    else
        echo "install-postgres.sh: no PostgreSQL server found; run as root (or install Debian's" \
            "postgresql package) to get one" >&2
        exit 1
    fi
fi

log="$(mktemp "${TMPDIR:-/tmp}/install-postgres.XXXXXX.log")"
trap 'rm -f "$log"' EXIT
apt_install() {
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold postgresql >>"$log" 2>&1
}

echo "install-postgres.sh: installing Debian postgresql (for the PostgreSQL tests)..."
if ! apt_install; then
    # The package lists may be missing or stale on a fresh machine: refresh them once and retry.
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$log" 2>&1 || ! apt_install; then
        tail -n 20 "$log" >&2
        echo "install-postgres.sh: apt-get install postgresql failed (see above)" >&2
        exit 1
    fi
fi

if ! have_server; then
    echo "install-postgres.sh: postgresql was installed but no initdb/pg_ctl found under" \
        "/usr/lib/postgresql/*/bin" >&2
    exit 1
fi
echo "install-postgres.sh: installed $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
