#!/usr/bin/env bash
# API under load (bench/load.mjs) against the built server on its embedded default (H2, local
# provider), or on PostgreSQL with --postgresql: 200 clients for 60 s plus an anonymous client
# posting 100 MB webhooks. Afterwards the server log is searched for OutOfMemoryError.
#
#   mvn -o -q package -DskipTests          # once: builds the EAR and the configured WildFly
#   bench/load.sh [--postgresql] [port-offset] [clients] [seconds] [webhook-clients]
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
database=h2
if [[ ${1:-} == --postgresql ]]; then database=postgresql; shift; fi
offset=${1:-100}
clients=${2:-200}
seconds=${3:-60}
hooks=${4:-1}
url="http://localhost:$((8080 + offset))"
source "$root/ear/src/test/scripts/server.sh"
home=$(ls -d "$root"/ear/target/wildfly-*/ | head -1)
ear=$root/ear/target/yourbit-video.ear
[[ -f $ear && -d $home ]] || { echo "build first: mvn -o -q package -DskipTests" >&2; exit 1; }
base=$bench/work/load-server
rm -rf "$base"
args=()
if [[ $database == postgresql ]]; then
    use_fresh_postgresql yourbit_load_$offset
    args+=(-c standalone-postgresql.xml)
fi
trap stop_server EXIT
start_server "$home" "$ear" "$base" "$offset" "$url" "${args[@]}"
status=0
node "$bench/load.mjs" "$url" "$clients" "$seconds" "$hooks" || status=$?
if grep -q OutOfMemoryError "$base/log/server.log"; then
    echo "OutOfMemoryError in $base/log/server.log" >&2
    status=1
else
    echo "no OutOfMemoryError in the server log"
fi
exit $status
