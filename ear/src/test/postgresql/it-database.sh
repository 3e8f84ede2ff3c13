#!/usr/bin/env bash
# Gives one PostgreSQL integration-test run a fresh database (create) or removes it (drop).
# Usage: it-database.sh create|drop <database>; the server from libpq's PGHOST, PGPORT,
# PGUSER and PGPASSWORD (ear/pom.xml sets them from the it.pg.* properties).
set -euo pipefail
action=$1
database=$2
if ! pg_isready -q; then
    echo "PostgreSQL is not reachable at $PGHOST:$PGPORT: start it, or skip this run with -DskipPostgres" >&2
    exit 1
fi
# --force ends connections a crashed run may have left behind.
dropdb --if-exists --force "$database"
if [[ $action == create ]]; then
    createdb "$database"
    echo "PostgreSQL database $database created at $PGHOST:$PGPORT"
fi
