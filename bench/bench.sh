#!/usr/bin/env bash
# Upload benchmark: the same client (tus-js-client, 8 MiB chunks) uploads the same 1 GiB
# file once to this service's local provider and once to @tus/server with @tus/file-store,
# on this machine, and prints MB/s (10^6 bytes/s) for both and the ratio.
#
#   mvn -o -q package -DskipTests          # once: builds the EAR and the configured WildFly
#   bench/bench.sh [port-offset] [tus-node-port]
#
# The service runs from ear/target/wildfly-* on a fresh base directory under bench/work,
# with the port offset (default 100: http://localhost:8180); @tus/server listens on
# 127.0.0.1:<tus-node-port> (default 1180). Both store on the same disk (bench/work).
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
offset=${1:-100}
tus_port=${2:-1180}
url="http://localhost:$((8080 + offset))"
work=$bench/work
size=$((1024 * 1024 * 1024))
chunk=$((8 * 1024 * 1024))
source "$root/ear/src/test/scripts/server.sh"

home=$(ls -d "$root"/ear/target/wildfly-*/ | head -1)
ear=$root/ear/target/yourbit-video.ear
[[ -f $ear && -d $home ]] || { echo "build first: mvn -o -q package -DskipTests" >&2; exit 1; }
(cd "$bench" && npm ci --no-audit --no-fund --silent)
rm -rf "$work/server" "$work/tus-files"
mkdir -p "$work/tus-files"
file=$work/1GiB.bin
[[ -f $file && $(stat -c %s "$file") == "$size" ]] || head -c "$size" /dev/urandom > "$file"
warmup_size=$((128 * 1024 * 1024))
warmup=$work/warmup.bin
[[ -f $warmup && $(stat -c %s "$warmup") == "$warmup_size" ]] || head -c "$warmup_size" /dev/urandom > "$warmup"

tus_pid=
cleanup() {
    stop_server
    [[ -n $tus_pid ]] && kill "$tus_pid" 2>/dev/null || true
}
trap cleanup EXIT

start_server "$home" "$ear" "$work/server" "$offset" "$url"
# Both servers first take one untimed upload of $warmup_size bytes (JIT compilation, pools,
# file system metadata), then the timed 1 GiB upload.
token=$(dev_jwt bench)
node "$bench/upload.mjs" "$(create_local_video "$token")" "$warmup" "$chunk" > /dev/null
upload_url=$(create_local_video "$token")
ours=$(node "$bench/upload.mjs" "$upload_url" "$file" "$chunk")
stop_server

node "$bench/tus-node-server.mjs" "$tus_port" "$work/tus-files" > "$work/tus-node-server.log" 2>&1 &
tus_pid=$!
for _ in $(seq 1 50); do
    curl -s -o /dev/null -X OPTIONS "http://127.0.0.1:$tus_port/files" && break
    sleep 0.2
done
node "$bench/upload.mjs" "http://127.0.0.1:$tus_port/files" "$warmup" "$chunk" > /dev/null
theirs=$(node "$bench/upload.mjs" "http://127.0.0.1:$tus_port/files" "$file" "$chunk")

node -e '
const [ours, theirs] = process.argv.slice(1).map(JSON.parse);
console.log(`this service (local provider): ${ours.mbPerSecond.toFixed(1)} MB/s (${ours.seconds.toFixed(2)} s)`);
console.log(`@tus/server + @tus/file-store: ${theirs.mbPerSecond.toFixed(1)} MB/s (${theirs.seconds.toFixed(2)} s)`);
console.log(`ratio: ${(ours.mbPerSecond / theirs.mbPerSecond).toFixed(2)}x`);
' "$ours" "$theirs"
rm -rf "$work/server" "$work/tus-files"
