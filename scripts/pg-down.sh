#!/usr/bin/env bash
# Stops a cluster started by pg-up.sh and deletes its directory.
# Usage: scripts/pg-down.sh "$PGDATA_DIR"
set -euo pipefail
DIR=$1; PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -d "$DIR/data" ] || { rm -rf "$DIR"; exit 0; }
RUN=(); [ "$(id -u)" = 0 ] && RUN=(runuser -u "$(stat -c %U "$DIR/data")" --)
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null || true
rm -rf "$DIR"
