#!/usr/bin/env bash
# Ladder throughput with one node and with two: the same videos (a generated 1280x720 clip,
# each job a probe, the first rung, then the rest of the ladder to 720p) through the local
# provider's media jobs on one shared Artemis broker and one PostgreSQL database, first with
# one node taking jobs, then with two. Prints videos per minute for each and the ratio.
#
# Each node is pinned to a core of its own (taskset; ffmpeg inherits it), as one node per
# machine would be: without pinning, two nodes on one machine only share the same cores and
# the ratio says nothing about adding a machine. PostgreSQL, the broker and the uploads are
# not pinned, so they take from both nodes' cores: that is the limit this run shows.
#
#   mvn -o -q package -DskipTests -Dit.scripts.skip=true   # once: EAR and configured WildFly
#   bench/ladder-nodes.sh [videos per round] [port-offset]
#
# LADDER_CLIP_SECONDS (default 20) sets the clip's length; LADDER_STORAGE=s3 puts the nodes'
# storage on an S3 server (S3Proxy, started here) instead of one shared directory.
# Needs ffmpeg, PostgreSQL on 127.0.0.1:5432, Java 17; works in bench/work/ladder.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
videos=${1:-6}
offset=${2:-600}
clip_seconds=${LADDER_CLIP_SECONDS:-20}
storage=${LADDER_STORAGE:-fs}
work=$bench/work/ladder
home=$(ls -d "$root"/ear/target/wildfly-*/ 2>/dev/null | head -1)
ear=$root/ear/target/yourbit-video.ear
[[ -f $ear && -d $home ]] || { echo "build first: mvn -o -q package -DskipTests -Dit.scripts.skip=true" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset (util-linux) is missing" >&2; exit 1; }
(($(nproc) >= 2)) || { echo "two cores at least: one per node" >&2; exit 1; }

artifact() {  # group artifact version classifier type -> path in the local repository, fetched when missing
    local path=$HOME/.m2/repository/${1//.//}/$2/$3/$2-$3${4:+-$4}.$5
    [[ -f $path ]] || (cd "$root" && mvn -q dependency:get -Dartifact="$1:$2:$3:$5${4:+:$4}" >/dev/null)
    echo "$path"
}
artemis_zip=$(artifact org.apache.activemq apache-artemis 2.40.0 bin zip)

export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGPASSWORD=postgres
db=yourbit_ladder_$offset
broker_port=$((61616 + offset))
broker_password="bench-only-$(head -c 9 /dev/urandom | base64 | tr '+/' '-_')"
s3_port=$((18085 + offset))
pids=()
broker_pid=
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [[ -n $broker_pid ]] && kill "$broker_pid" 2>/dev/null || true
    [[ $storage == s3 ]] && bash "$root/ear/src/test/s3/s3-server.sh" stop "$work/s3" || true
    dropdb --if-exists --force "$db" 2>/dev/null || true
}
trap cleanup EXIT
rm -rf "$work"
mkdir -p "$work"

clip=$work/clip.mkv
ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=1280x720:rate=30" -f lavfi -i "sine=frequency=440" \
    -t "$clip_seconds" -c:v mpeg4 -q:v 4 -c:a mp2 "$clip"

broker_pid=$(bash "$root/ear/src/test/cluster/artemis-broker.sh" "$artemis_zip" "$work/broker" "$broker_port" video "$broker_password")
node_home=$work/wildfly
cp -r "$home" "$node_home"
rm -f "$node_home/.yourbit-config-stamp"
bash "$root/wildfly-config/configure.sh" --remote-broker "$node_home" "$(ls "$home"/modules/org/postgresql/main/*.jar)" > "$work/configure.log"

storage_env=(env)
if [[ $storage == s3 ]]; then
    s3_jar=$(artifact org.gaul s3proxy 2.6.0 jar-with-dependencies jar)
    S3_ACCESS_KEY=bench-only-access S3_SECRET_KEY=bench-only-secret \
        bash "$root/ear/src/test/s3/s3-server.sh" start "$s3_jar" "$work/s3" "$s3_port" ladder > /dev/null
    storage_env=(env AWS_ACCESS_KEY_ID=bench-only-access AWS_SECRET_ACCESS_KEY=bench-only-secret
        VIDEO_ACTION_MAP_LOCAL_STORAGE=s3 VIDEO_ACTION_MAP_LOCAL_S3_ENDPOINT="http://127.0.0.1:$s3_port"
        VIDEO_ACTION_MAP_LOCAL_S3_BUCKET=ladder VIDEO_ACTION_MAP_LOCAL_S3_PATH_STYLE=true)
fi

start_node() {  # name port-offset core storage-dir
    local base=$work/$1
    bash "$root/wildfly-config/fresh-base.sh" "$node_home" "$base"
    cp "$ear" "$base/deployments/"
    "${storage_env[@]}" VIDEO_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" VIDEO_DB_USER="$PGUSER" VIDEO_DB_PASSWORD="$PGPASSWORD" \
    VIDEO_BROKER_HOST=127.0.0.1 VIDEO_BROKER_PORT="$broker_port" VIDEO_BROKER_USER=video VIDEO_BROKER_PASSWORD="$broker_password" \
    LAUNCH_JBOSS_IN_BACKGROUND=1 taskset -c "$3" "$node_home/bin/standalone.sh" -Djboss.server.base.dir="$base" \
        -Djboss.socket.binding.port-offset="$2" -Djboss.node.name="$1" -Djboss.tx.node.id="$1" \
        -Dvideo.action-map.local.public-url="http://localhost:$((8080 + $2))" \
        -Dvideo.action-map.local.storage-dir="$4" -Dvideo.limits.creations-per-minute=1000 \
        > "$work/$1.console" 2>&1 &
    pids+=($!)
    for _ in $(seq 360); do
        curl -fs "http://localhost:$((9990 + $2))/health/ready" > /dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "$1 did not become ready; see $base/log/server.log" >&2
    exit 1
}
stop_nodes() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}

token=$(cd "$root" && java wildfly-config/dev/DevJwt.java ladder-bench)
# One round: $1 nodes; every video uploaded to the nodes in turn, timed from the first upload
# until the last video is ready with its whole ladder. Sets $elapsed (seconds).
round() {
    local nodes=$1 urls=() ids=() i started status ready=0
    dropdb --if-exists --force "$db"
    createdb "$db"
    local shared=$work/storage-$nodes
    rm -rf "$shared" && mkdir -p "$shared"
    for ((i = 1; i <= nodes; i++)); do
        local storage_dir=$shared
        [[ $storage == s3 ]] && storage_dir=$work/node$i-scratch-$nodes
        start_node "node$i" $((offset + 10 * i)) $((i - 1)) "$storage_dir"
        urls+=("http://localhost:$((8080 + offset + 10 * i))")
    done
    started=$(date +%s%N)
    for ((i = 0; i < videos; i++)); do
        local node_url=${urls[$((i % nodes))]} created
        created=$(curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"title\":\"ladder $nodes.$i\",\"provider\":\"local\"}" "$node_url/api/videos")
        ids+=("$(node -e 'console.log(JSON.parse(process.argv[1]).id)' "$created")")
        curl -fs -o /dev/null -X PUT "$(node -e 'console.log(JSON.parse(process.argv[1]).upload.url)' "$created")" \
            -H 'Content-Type: video/x-matroska' --data-binary @"$clip"
    done
    while ((ready < videos)); do
        sleep 1
        ready=0
        for id in "${ids[@]}"; do
            status=$(curl -fs -H "Authorization: Bearer $token" "${urls[0]}/api/videos/$id" \
                | node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>{const v=JSON.parse(d);console.log(v.status+" "+v.renditions.length)})')
            [[ $status == errored* ]] && { echo "video $id errored on $nodes node(s)" >&2; exit 1; }
            [[ $status == "ready 4" ]] && ready=$((ready + 1))
        done
    done
    elapsed=$(awk -v ns=$(($(date +%s%N) - started)) 'BEGIN { printf "%.1f", ns / 1e9 }')
    stop_nodes
}

echo "ladder throughput: $videos videos of ${clip_seconds} s 1280x720 per round, storage $storage" >&2
round 1
one=$elapsed
echo "  1 node:  $videos videos in $one s" >&2
round 2
two=$elapsed
echo "  2 nodes: $videos videos in $two s" >&2
node -e '
const [videos, one, two, storage] = process.argv.slice(1);
const perMinute = (s) => (Number(videos) * 60 / Number(s));
const r = { storage, videos: Number(videos), oneNode: { seconds: Number(one), videosPerMinute: perMinute(one) },
            twoNodes: { seconds: Number(two), videosPerMinute: perMinute(two) } };
r.scaling = r.twoNodes.videosPerMinute / r.oneNode.videosPerMinute;
console.log(`| storage | 1 node (videos/min) | 2 nodes (videos/min) | 2 ÷ 1 |`);
console.log(`| ${storage} | ${r.oneNode.videosPerMinute.toFixed(2)} | ${r.twoNodes.videosPerMinute.toFixed(2)} | ${r.scaling.toFixed(2)}× |`);
console.log("json: " + JSON.stringify(r));
' "$videos" "$one" "$two" "$storage"
