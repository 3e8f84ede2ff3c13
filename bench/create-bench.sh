#!/usr/bin/env bash
# Creation benchmark: parallel clients POST /api/videos back to back (each creation a user of
# its own, the client of the kill -9 creations test) against the built server on its default
# H2 database; prints creations/s and latency percentiles per run. Measures what a commit
# costs (H2's WRITE_DELAY, see wildfly-config/server.cli).
#
#   mvn -o -q package -DskipTests          # once: builds the EAR and the configured WildFly
#   bench/create-bench.sh [port-offset] [runs] [seconds] [clients]
#
# Defaults: port offset 100 (http://localhost:8180), 3 timed runs of 20 s, 8 clients, after
# one untimed 10 s warm-up run; a fresh server base directory under bench/work.
# H2_WRITE_DELAY=<ms> runs the server with that H2 WRITE_DELAY instead of the configured one
# (500 is H2's own default), to compare both on the same build.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
offset=${1:-100}
runs=${2:-3}
seconds=${3:-20}
clients=${4:-8}
url="http://localhost:$((8080 + offset))"
work=$bench/work/create-bench
source "$root/ear/src/test/scripts/server.sh"

home=$(ls -d "$root"/ear/target/wildfly-*/ | head -1)
ear=$root/ear/target/yourbit-video.ear
[[ -f $ear && -d $home ]] || { echo "build first: mvn -o -q package -DskipTests" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
trap stop_server EXIT

bash "$root/wildfly-config/fresh-base.sh" "$home" "$work/server"
cp "$ear" "$work/server/deployments/"
config=$work/server/configuration/standalone.xml
if [[ -n ${H2_WRITE_DELAY:-} ]]; then
    sed -i -E "s#(jdbc:h2:file:[^<]*LOCK_TIMEOUT=10000)(;WRITE_DELAY=[0-9]+)?#\1;WRITE_DELAY=$H2_WRITE_DELAY#" "$config"
fi
echo "H2 URL: $(grep -o 'jdbc:h2:file:[^<]*' "$config" | head -1)"
start_server "$home" "$ear" "$work/server" "$offset" "$url"
template=$(dev_jwt create-bench)
create() { # create <run> <seconds>
    node "$root/ear/src/test/js/create-videos.mjs" create "$url" "$template" "$root/wildfly-config/dev/jwt-private.pem" \
        "$work/ids-$1.txt" --clients="$clients" --seconds="$2" --user-prefix="b$1"
}
create warmup 10 > /dev/null
db_file() {
    echo "database file $(du -m "$work/server/data/yourbit-video/video.mv.db" | cut -f1) MB after $(cat "$work"/ids-*.txt | wc -l) creations"
}
for run in $(seq 1 "$runs"); do
    echo "run $run: $(create "$run" "$seconds"); $(db_file)"
done
