#!/usr/bin/env bash
# Starts or stops a private PostgreSQL cluster for the tests: its own data
# directory and unix socket under one folder, its own port, no TCP listener,
# trust authentication for the local socket only.
# Usage: scripts/postgres.sh start|stop|url [DIR] (DIR default /tmp/dockaudit-pg)
# `start` installs Debian's postgresql when missing, runs initdb (as the
# postgres user when run as root: the server refuses to run as root),
# starts the server and prints the URL to export as
# DOCKAUDIT_TEST_POSTGRES_URL. PORT (default 55432) names the port.
set -euo pipefail
cmd=${1:-}
dir=${2:-${DOCKAUDIT_PG_DIR:-/tmp/dockaudit-pg}}
port=${PORT:-55432}
url="postgresql:///postgres?host=$dir&port=$port&user=postgres"

bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  return 1
}

install_packages() {
  if ! bindir >/dev/null 2>&1; then
    echo "postgres.sh: installing postgresql" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
}

# Runs a server binary as the postgres user when we are root.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    install_packages
    bin=$(bindir)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    chmod 755 "$dir"
    if [ -S "$dir/.s.PGSQL.$port" ] && as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "postgres.sh: already running in $dir" >&2
    else
      if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || {
          echo "postgres.sh: initdb failed; its log:" >&2; tail -n 20 "$dir/initdb.log" >&2; exit 1; }
      fi
      as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses= -c fsync=off -c max_connections=60" start >/dev/null || {
        echo "postgres.sh: the server did not start; its log:" >&2; tail -n 20 "$dir/server.log" >&2; exit 1; }
    fi
    echo "$url"
    ;;
  stop)
    if bin=$(bindir) && [ -f "$dir/data/postmaster.pid" ]; then
      as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  url)
    echo "$url"
    ;;
  *)
    echo "usage: $0 start|stop|url [DIR]" >&2
    exit 2
    ;;
esac
