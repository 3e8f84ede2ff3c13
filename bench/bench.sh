#!/usr/bin/env bash
# Upload benchmark: the same client (tus-js-client, 8 MiB chunks) uploads the same 1 GiB
# file to this service's local provider (on its file system backend, then on its S3 backend
# against S3Proxy on the same disk), to @tus/server with @tus/file-store and to the Java
# tus-java-server (in Undertow), on this machine, and prints MB/s (10^6 bytes/s) and ratios,
# with the disk's own durable and buffered rates and the client's own ceiling (the same upload
# to a server that keeps no byte).
#
#   mvn -o -q package -DskipTests          # once: builds the EAR and the configured WildFly
#   bench/bench.sh [port-offset] [tus-node-port]
#
# The service runs from ear/target/wildfly-* on a fresh base directory under bench/work,
# with the port offset (default 100: http://localhost:8180); @tus/server listens on
# 127.0.0.1:<tus-node-port> (default 1180), then tus-java-server on the same port. All store
# on the same disk (bench/work).
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
    bash "$root/ear/src/test/s3/s3-server.sh" stop "$work/s3"
}
trap cleanup EXIT

start_server "$home" "$ear" "$work/server" "$offset" "$url"
# Both servers first take one untimed upload of $warmup_size bytes (JIT compilation, pools,
# file system metadata), then the timed 1 GiB upload.
token=$(dev_jwt bench)
node "$bench/upload.mjs" "$(create_local_video "$token")" "$warmup" "$chunk" > /dev/null
upload_url=$(create_local_video "$token")
sync # neither timed upload waits for the other's or the warm-up's writeback
ours=$(node "$bench/upload.mjs" "$upload_url" "$file" "$chunk")
stop_server

# The same service on its S3 backend: S3Proxy (filesystem store on the same disk) as the bucket.
s3_jar=$HOME/.m2/repository/org/gaul/s3proxy/2.6.0/s3proxy-2.6.0-jar-with-dependencies.jar
[[ -f $s3_jar ]] || (cd "$root" && mvn -q dependency:get -Dartifact=org.gaul:s3proxy:2.6.0:jar:jar-with-dependencies >/dev/null)
s3_port=$((18085 + offset))
S3_ACCESS_KEY=bench-only-access S3_SECRET_KEY=bench-only-secret \
    bash "$root/ear/src/test/s3/s3-server.sh" start "$s3_jar" "$work/s3" "$s3_port" bench > /dev/null
rm -rf "$work/server-s3"
AWS_ACCESS_KEY_ID=bench-only-access AWS_SECRET_ACCESS_KEY=bench-only-secret VIDEO_ACTION_MAP_LOCAL_STORAGE=s3 \
VIDEO_ACTION_MAP_LOCAL_S3_ENDPOINT="http://127.0.0.1:$s3_port" VIDEO_ACTION_MAP_LOCAL_S3_BUCKET=bench \
    start_server "$home" "$ear" "$work/server-s3" "$offset" "$url"
node "$bench/upload.mjs" "$(create_local_video "$token")" "$warmup" "$chunk" > /dev/null
upload_url=$(create_local_video "$token")
sync
ours_s3=$(node "$bench/upload.mjs" "$upload_url" "$file" "$chunk")
stop_server
bash "$root/ear/src/test/s3/s3-server.sh" stop "$work/s3"
rm -rf "$work/s3" "$work/server-s3"

# The peer just started on $tus_port: waits up to $1 x 0.2 s for it to answer, sends it the
# untimed warm-up upload, then prints the timed upload's JSON line.
upload_to_peer() {
    for _ in $(seq 1 "$1"); do
        curl -s -o /dev/null -X OPTIONS "http://127.0.0.1:$tus_port/files" && break
        sleep 0.2
    done
    node "$bench/upload.mjs" "http://127.0.0.1:$tus_port/files" "$warmup" "$chunk" > /dev/null
    sync
    node "$bench/upload.mjs" "http://127.0.0.1:$tus_port/files" "$file" "$chunk"
}

node "$bench/tus-node-server.mjs" "$tus_port" "$work/tus-files" > "$work/tus-node-server.log" 2>&1 &
tus_pid=$!
theirs=$(upload_to_peer 50)
# @tus/file-store never syncs: its acknowledged bytes are still in the page cache. How long
# they take to reach the disk is printed beside the target, which compares upload times only.
sync_started=$(date +%s%N)
sync
sync_seconds=$(( $(date +%s%N) - sync_started ))

# The Java peer: tus-java-server in Undertow (bench/tus-java-peer, built here), same client,
# same disk. It does not sync either.
kill "$tus_pid" 2>/dev/null || true
(cd "$bench/tus-java-peer" && mvn -q compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt >/dev/null)
rm -rf "$work/tus-java-files"
mkdir -p "$work/tus-java-files"
java -cp "$bench/tus-java-peer/target/classes:$(cat "$bench/tus-java-peer/target/classpath.txt")" \
    com.yourbit.video.bench.TusJavaPeer "$tus_port" "$work/tus-java-files" > "$work/tus-java-server.log" 2>&1 &
tus_pid=$!
java_peer=$(upload_to_peer 100)
kill "$tus_pid" 2>/dev/null || true
tus_pid=
rm -rf "$work/tus-java-files"
sync

# The client's own ceiling: the same upload to a server that keeps no byte (bench/tus-discard.mjs).
node "$bench/tus-discard.mjs" "$tus_port" > "$work/tus-discard.log" 2>&1 &
tus_pid=$!
ceiling=$(upload_to_peer 50)
kill "$tus_pid" 2>/dev/null || true
tus_pid=

# The disk's own ceiling for what this service does per chunk (8 MiB written durably, no
# network, no HTTP). Measured last: deleting its file slows the disk for a while (the root
# file system here is mounted with `discard`), which must not fall on either server.
disk=$(dd if=/dev/zero of="$work/disk.bin" bs=$chunk count=$((size / chunk)) oflag=direct,dsync 2>&1 \
    | awk '/copied/ {printf "%.1f", $1 / $(NF-3) / 1e6}') || disk=
rm -f "$work/disk.bin"
disk_buffered=$(dd if=/dev/zero of="$work/disk.bin" bs=$chunk count=$((size / chunk)) conv=fdatasync 2>&1 \
    | awk '/copied/ {printf "%.1f", $1 / $(NF-3) / 1e6}') || disk_buffered=
rm -f "$work/disk.bin"

node -e '
const [ours, theirs] = process.argv.slice(1, 3).map(JSON.parse);
const javaPeer = JSON.parse(process.argv[6]);
const oursS3 = JSON.parse(process.argv[7]);
const ceiling = JSON.parse(process.argv[8]);
const disk = process.argv[3];
const syncSeconds = Number(process.argv[4]) / 1e9;
const diskBuffered = process.argv[5];
const theirsDurable = theirs.bytes / 1e6 / (theirs.seconds + syncSeconds);
const ratio = ours.mbPerSecond / theirs.mbPerSecond;
const verdict = (met) => (met ? "met" : "NOT met");
console.log(`this service (local provider): ${ours.mbPerSecond.toFixed(1)} MB/s (${ours.seconds.toFixed(2)} s)`);
console.log(`this service on its S3 backend (S3Proxy, same disk): ${oursS3.mbPerSecond.toFixed(1)} MB/s (${oursS3.seconds.toFixed(2)} s); ${(oursS3.mbPerSecond / ours.mbPerSecond).toFixed(2)}x the file system backend`);
console.log(`@tus/server + @tus/file-store: ${theirs.mbPerSecond.toFixed(1)} MB/s (${theirs.seconds.toFixed(2)} s)`);
console.log(`ratio: ${ratio.toFixed(2)}x`);
console.log(`tus-java-server (Undertow): ${javaPeer.mbPerSecond.toFixed(1)} MB/s (${javaPeer.seconds.toFixed(2)} s); ratio ${(ours.mbPerSecond / javaPeer.mbPerSecond).toFixed(2)}x`);
console.log(`@tus/server until its bytes are on disk (upload, then sync ${syncSeconds.toFixed(2)} s): ${theirsDurable.toFixed(1)} MB/s; ratio ${(ours.mbPerSecond / theirsDurable).toFixed(2)}x`);
console.log(`the client alone, to a server that keeps no byte: ${ceiling.mbPerSecond.toFixed(1)} MB/s; 1.5x @tus/server is ${(1.5 * theirs.mbPerSecond).toFixed(1)} MB/s`);
console.log(`disk alone, 8 MiB O_DIRECT|O_DSYNC writes (dd): ${disk ? disk + " MB/s" : "not measurable here"}`);
console.log(`disk alone, 8 MiB buffered writes and one fdatasync (dd): ${diskBuffered ? diskBuffered + " MB/s" : "not measurable here"}`);
console.log(`targets: >= 300 MB/s ${verdict(ours.mbPerSecond >= 300)}; >= 1.5x @tus/server ${verdict(ratio >= 1.5)}`);
// One line for bench/run.sh to read.
console.log("json: " + JSON.stringify({ ours: ours.mbPerSecond, oursS3: oursS3.mbPerSecond, tusNode: theirs.mbPerSecond, tusJava: javaPeer.mbPerSecond,
  clientCeiling: ceiling.mbPerSecond, diskDirect: disk ? Number(disk) : null, diskBuffered: diskBuffered ? Number(diskBuffered) : null }));
' "$ours" "$theirs" "$disk" "$sync_seconds" "$disk_buffered" "$java_peer" "$ours_s3" "$ceiling"
rm -rf "$work/server" "$work/tus-files"
