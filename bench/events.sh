#!/usr/bin/env bash
# Events to the web tier (bench/events.mjs) against the built server on its embedded default
# (H2) or on PostgreSQL with --postgresql: clients create videos back to back while a receiver
# answers every event at once; prints events/s and the lag from change to arrival (p50/p99).
#
#   mvn -o -q package -DskipTests          # once: builds the EAR and the configured WildFly
#   bench/events.sh [--postgresql] [port-offset] [clients] [seconds]
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
database=h2
if [[ ${1:-} == --postgresql ]]; then database=postgresql; shift; fi
offset=${1:-100}
clients=${2:-16}
seconds=${3:-20}
url="http://localhost:$((8080 + offset))"
receiver_port=$((18083 + offset))
source "$root/ear/src/test/scripts/server.sh"
home=$(ls -d "$root"/ear/target/wildfly-*/ | head -1)
ear=$root/ear/target/yourbit-video.ear
[[ -f $ear && -d $home ]] || { echo "build first: mvn -o -q package -DskipTests" >&2; exit 1; }
base=$bench/work/events-server
rm -rf "$base"
args=()
if [[ $database == postgresql ]]; then
    use_fresh_postgresql yourbit_events_$offset
    args+=(-c standalone-postgresql.xml)
fi
export VIDEO_NOTIFY_SECRET="whsec_$(head -c 32 /dev/urandom | base64)"
trap stop_server EXIT
start_server "$home" "$ear" "$base" "$offset" "$url" "${args[@]}" \
    -Dvideo.notify.url="http://127.0.0.1:$receiver_port/events" -Dvideo.limits.creations-per-minute=100000 \
    -Dvideo.limits.pending-per-user=100000
echo "events ($database): $(node "$bench/events.mjs" "$url" "$receiver_port" "$clients" "$seconds")"
