#!/usr/bin/env bash
# Runs "$@" with a throwaway PostgreSQL server on loopback, then stops it and deletes its data.
#
#   bash scripts/with-postgres.sh .venv/bin/pytest -q
#
# The server gets a fresh data directory under $TMPDIR, listens on 127.0.0.1 only (on a free port,
# plus a unix socket in the data directory), trusts loopback connections and has one database. The
# command sees its URL in CONFLICTLENS_TEST_PG_URL (postgresql+psycopg://conflictlens@127.0.0.1:PORT/
# conflictlens_test; the role is a superuser, so tests may create databases of their own).
#
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` system user (created
# if missing); otherwise as the current user. If CONFLICTLENS_TEST_PG_URL is already set, that server
# is used and none is started. If the server cannot be started this prints one line and fails: tests
# must not silently skip PostgreSQL. Exits with the command's status.
set -euo pipefail

me="with-postgres.sh"
die() {
    echo "$me: $*" >&2
    exit 1
}

[[ $# -gt 0 ]] || die "usage: bash scripts/with-postgres.sh COMMAND [ARG...]"

if [[ -n "${CONFLICTLENS_TEST_PG_URL:-}" ]]; then
    exec "$@"
fi

# -- the server binaries: the newest Debian version, else whatever is on PATH -------------------------
bindir=""
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]] && bindir="$dir"
done
if [[ -z "$bindir" ]] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    bindir="$(dirname "$(command -v initdb)")"
fi
[[ -n "$bindir" ]] || die "cannot start PostgreSQL: no initdb/pg_ctl found (run scripts/install-postgres.sh)"

# -- who runs the server ---------------------------------------------------------------------------------
run_as=()
if [[ $(id -u) -eq 0 ]]; then
    pguser=postgres
    if ! id -u "$pguser" >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$pguser" \
            >/dev/null 2>&1 || die "cannot start PostgreSQL: cannot create the system user $pguser"
    fi
    if command -v runuser >/dev/null 2>&1; then
        run_as=(runuser -u "$pguser" --)
    else
        run_as=(su -s /bin/sh "$pguser" -c '"$0" "$@"')
    fi
fi

# -- data directory, cleaned up whatever happens ---------------------------------------------------------
base="${TMPDIR:-/tmp}"
if [[ ${#run_as[@]} -gt 0 ]] && ! "${run_as[@]}" test -x "$base" 2>/dev/null; then
    base=/tmp # the server's user cannot reach $TMPDIR
fi
orig="$PWD"
tmp="$(mktemp -d "$base/conflictlens-pg.XXXXXX")" || die "cannot start PostgreSQL: cannot make a directory in $base"
data="$tmp/data"
log="$tmp/server.log"
started=0
cleanup() {
    if [[ $started -eq 1 ]]; then
        (cd "$tmp" && "${run_as[@]}" "$bindir/pg_ctl" stop -D "$data" -m immediate -s >/dev/null 2>&1) || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
chmod 700 "$tmp"
if [[ ${#run_as[@]} -gt 0 ]]; then
    chown "$pguser:" "$tmp"
fi

# The server's user may not be able to enter the caller's working directory: work from $tmp.
cd "$tmp"

# initdb: UTF-8, C.UTF-8 collation when the system has it (byte order, like SQLite), no fsync.
locale_opt=(--no-locale)
if locale -a 2>/dev/null | grep -qixE 'c\.utf-?8'; then
    locale_opt=(--locale=C.UTF-8)
fi
if ! "${run_as[@]}" "$bindir/initdb" -D "$data" -U conflictlens -A trust -E UTF8 "${locale_opt[@]}" \
    --no-sync >"$tmp/initdb.log" 2>&1; then
    die "cannot start PostgreSQL: initdb failed: $(tail -n 1 "$tmp/initdb.log")"
fi
mkdir -p "$tmp/socket" && chmod 700 "$tmp/socket"
[[ ${#run_as[@]} -eq 0 ]] || chown "$pguser:" "$tmp/socket"
# Trust on loopback and the private socket only; nothing else may connect.
cat >"$data/pg_hba.conf" <<'EOF'
local   all   all                  trust
host    all   all   127.0.0.1/32   trust
EOF
[[ ${#run_as[@]} -eq 0 ]] || chown "$pguser:" "$data/pg_hba.conf"

free_port() {
    local py
    for py in python3 python; do
        if command -v "$py" >/dev/null 2>&1; then
            "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
            return
        fi
    done
    echo $((20000 + RANDOM % 20000))
}

# Start; a port taken between choosing it and binding it is retried with another.
port=""
for _attempt in 1 2 3; do
    port="$(free_port)"
    opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$tmp/socket"
    opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    if "${run_as[@]}" "$bindir/pg_ctl" start -D "$data" -l "$log" -w -t 60 -s -o "$opts" >/dev/null 2>&1; then
        started=1
        break
    fi
    # A server that did start but did not answer in time must not be left behind.
    "${run_as[@]}" "$bindir/pg_ctl" stop -D "$data" -m immediate -s >/dev/null 2>&1 || true
done
if [[ $started -ne 1 ]]; then
    detail="$(grep -E 'FATAL|ERROR|could not' "$log" 2>/dev/null | tail -n 1 || true)"
    die "cannot start PostgreSQL ($bindir): ${detail:-see the server log}"
fi

db=conflictlens_test
if ! "$bindir/createdb" -h 127.0.0.1 -p "$port" -U conflictlens "$db" >"$tmp/createdb.log" 2>&1; then
    die "cannot create the test database: $(tail -n 1 "$tmp/createdb.log")"
fi

export CONFLICTLENS_TEST_PG_URL="postgresql+psycopg://conflictlens@127.0.0.1:$port/$db"
cd "$orig"
status=0
"$@" || status=$?
exit "$status"
