#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster on a free loopback port (ENVIRONMENT.md, recipe A).
# Works as root (the server runs as an unprivileged OS user through runuser) or as a normal user.
# Usage: eval "$(scripts/pg-up.sh)"   -> exports PGDATA_DIR, PG_TEST_PORT, DATABASE_URL
# Tuned for tests, never for data you keep: fsync, synchronous_commit and full_page_writes are off.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
RUN=()
DIR=$(mktemp -d -t pgtest.XXXXXX)   # short path: the socket path must stay under 107 characters
if [ "$(id -u)" = 0 ]; then
  OSUSER=${PG_TEST_OS_USER:-postgres}
  id "$OSUSER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$OSUSER"
  chown "$OSUSER" "$DIR"
  RUN=(runuser -u "$OSUSER" --)
fi
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
"${RUN[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$DIR/initdb.log"
# The port pick can race with another process taking it: try a fresh port a few times.
for attempt in 1 2 3; do
  PORT=${PG_TEST_PORT_OVERRIDE:-$(free_port)}
  # max_connections: a test run opens many engines, each with a small pool and a LISTEN connection.
  if "${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null; then
    echo "export PGDATA_DIR=$DIR PG_TEST_PORT=$PORT DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
    exit 0
  fi
done
cat "$DIR/server.log" >&2
exit 1
