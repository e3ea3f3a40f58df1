#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for Pacta's tests and for trying `pacta serve --database`: initdb into a new
# temporary folder, the server on 127.0.0.1 at a free port (and a unix socket in the folder), stopped and deleted
# with `stop`. Nothing outside the folder is touched.
#
#   eval "$(Scripts/pg-throwaway.sh start)"   # prints the exports below; the cluster runs in the background
#   Scripts/pg-throwaway.sh stop               # stops it (immediate) and deletes the folder ($PACTA_PG_DIR)
#   Scripts/pg-throwaway.sh pause|resume [DIR] # stops the server at once (pg_ctl -m immediate, as a crash) and
#                                              # starts it again on the same port, keeping the data (outage tests)
#
# Exports:
#   PACTA_PG_DIR                 the cluster's folder (data, socket, log)
#   PACTA_PG_BIN                 the folder of PostgreSQL's programs (pg_ctl ...)
#   PACTA_PG_ADMIN_URL           the owner of the database `pacta` (superuser of this cluster): `pacta db import`
#   PACTA_PG_SERVER_URL          the server's role `pacta_server` (no UPDATE or DELETE on events): `pacta serve`
#   PACTA_TEST_DATABASE_URL      the owner, for the tests (they make a database of their own each)
# As root, the cluster runs as the user `postgres` (Debian's package makes it), which owns the folder.
set -euo pipefail

find_bin() {
  for dir in /usr/lib/postgresql/*/bin /usr/local/bin /usr/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  done
  echo "pg-throwaway: no initdb/pg_ctl found; install Debian's postgresql (apt-get install postgresql)" >&2
  exit 1
}

as_owner() {
  # From / : the caller's folder may be closed to the user `postgres` (its programs warn that they cannot enter it).
  if [ "$(id -u)" = "0" ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "${1:-}" in
start)
  bin="$(find_bin)"
  dir="$(mktemp -d /tmp/pacta-pg.XXXXXX)"
  chmod 755 "$dir"
  if [ "$(id -u)" = "0" ]; then chown postgres: "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U pacta_admin --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  port="$(free_port)"
  echo "$port" > "$dir/port"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  psql="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $port -U pacta_admin"
  $psql -d postgres -c "CREATE DATABASE pacta" >/dev/null
  $psql -d pacta -c "CREATE ROLE pacta_writer NOLOGIN; CREATE ROLE pacta_server LOGIN PASSWORD 'pacta' IN ROLE pacta_writer;" >/dev/null
  echo "export PACTA_PG_DIR='$dir'"
  echo "export PACTA_PG_BIN='$bin'"
  echo "export PACTA_PG_PORT='$port'"
  echo "export PACTA_PG_ADMIN_URL='postgres://pacta_admin@127.0.0.1:$port/pacta'"
  echo "export PACTA_PG_SERVER_URL='postgres://pacta_server:pacta@127.0.0.1:$port/pacta'"
  echo "export PACTA_TEST_DATABASE_URL='postgres://pacta_admin@127.0.0.1:$port/pacta'"
  ;;
stop)
  dir="${2:-${PACTA_PG_DIR:-}}"
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then echo "pg-throwaway: no cluster folder (set PACTA_PG_DIR)" >&2; exit 0; fi
  bin="$(find_bin)"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
pause)
  dir="${2:-${PACTA_PG_DIR:-}}"
  bin="$(find_bin)"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
  ;;
resume)
  dir="${2:-${PACTA_PG_DIR:-}}"
  bin="$(find_bin)"
  port="$(cat "$dir/port")"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  ;;
*)
  echo "usage: $0 start|stop|pause|resume [DIR]" >&2
  exit 2
  ;;
esac
