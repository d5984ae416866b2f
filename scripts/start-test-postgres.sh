#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on a loopback port for the Postgres tests and prints the URL
# to export as TANDEM_TEST_DATABASE_URL. Installs Debian's `postgresql` package when it is missing
# (as root). Idempotent: a cluster already running on the port is reused.
#   eval "$(bash scripts/start-test-postgres.sh)"   # exports TANDEM_TEST_DATABASE_URL
set -euo pipefail

port="${TANDEM_TEST_PG_PORT:-55432}"
data="${TANDEM_TEST_PG_DIR:-/tmp/tandem-test-postgres-$port}"
socket_dir="/tmp"
url="postgres://tandem:tandem@127.0.0.1:$port/tandem_test"

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$dir" ] && echo "$dir"
}

if [ -z "$(pg_bin)" ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "PostgreSQL is not installed (apt-get install postgresql, as root)" >&2
    exit 1
  fi
  echo "Installing PostgreSQL …" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
bin="$(pg_bin)"

# The server refuses to run as root: as root, the cluster belongs to the `postgres` account.
as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! as_owner "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$data"
    as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
  fi
  # Sized for tests: several worker processes and web nodes each hold a small pool.
  as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-p $port -k $socket_dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off" start >/dev/null
fi

psql() { as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql -c "SELECT 1 FROM pg_roles WHERE rolname = 'tandem'")" != "1" ]; then
  psql -c "CREATE ROLE tandem LOGIN PASSWORD 'tandem' CREATEDB" >/dev/null
fi
if [ "$(psql -c "SELECT 1 FROM pg_database WHERE datname = 'tandem_test'")" != "1" ]; then
  psql -c "CREATE DATABASE tandem_test OWNER tandem" >/dev/null
fi

echo "export TANDEM_TEST_DATABASE_URL=$url"
