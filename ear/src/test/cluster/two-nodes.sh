#!/usr/bin/env bash
# Two WildFly nodes (two port offsets) on one fresh PostgreSQL database, the EAR on both, and
# the checks of the cluster issue:
#   - a video created on node 1 is read on node 2;
#   - a Mux webhook delivered to node 1 and its duplicate to node 2 is applied once;
#   - stale uploads, with the sweep timer running on both nodes, are each expired once
#     (the expiries counted in both nodes' logs add up to the number of stale videos);
#   - events to the web tier, sent by both nodes' dispatchers from the one outbox, reach the
#     endpoint once each, signed, in order per video;
#   - with IT_ARTEMIS_ZIP (the Artemis distribution; the build gives it): both nodes on one
#     shared Artemis broker and one storage directory, a transcode whose node is killed with
#     kill -9 in the middle of the ladder is finished by the other node, the video ready with
#     its whole ladder, each of its events once.
#   - with IT_S3PROXY_JAR (S3Proxy; the build gives it): the local provider on an S3 server this
#     script starts, each node with a storage dir of its own (caches and scratch only), so that
#     uploads and media jobs share nothing but the bucket, the database and the broker;
#     without it, the nodes share one storage directory;
#   - uploads without sticky sessions (cluster_uploads, last
#     because it kills node 1; a node killed by the media job step is started again first): a tus upload whose PATCHes alternate between the nodes; a PATCH
#     on node 2 while node 1 still reads one stops node 1's (409 at the stale offset, node 2
#     goes on from what node 1 kept); node 1 killed with kill -9 during a PATCH, HEAD on node 2
#     reports the intact offset and tus-js-client resumes there to a byte-identical file.
# Run by `mvn verify` (ear, post-integration-test, with the PostgreSQL run; the build's offset
# plus 10 and 20, the database named after the offset: docs/TESTING.md); by hand:
#   ear/src/test/cluster/two-nodes.sh <JBOSS_HOME> <EAR> <work dir> [<offset 1> <offset 2>]
set -euo pipefail
JBOSS_HOME=$(cd "$1" && pwd); EAR=$2; WORK=$3; OFFSET1=${4:-510}; OFFSET2=${5:-520}
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../../../.." && pwd)
PGHOST=${IT_PG_HOST:-127.0.0.1}; PGPORT=${IT_PG_PORT:-5432}; PGUSER=${IT_PG_USER:-postgres}
export PGPASSWORD=${IT_PG_PASSWORD:-postgres}
DB=${IT_CLUSTER_DATABASE:-yourbit_cluster_it}
STALE=5
WEBHOOK_SECRET=cluster-test-only-webhook-secret
NOTIFY_SECRET="whsec_$(head -c 32 /dev/urandom | base64)"
RECEIVER_PORT=$((18083 + OFFSET1))
SHARED_STORAGE=$WORK/shared-storage
pids=()

# --- Storage: one S3 bucket (IT_S3PROXY_JAR) or one shared directory.
S3_JAR=${IT_S3PROXY_JAR:-}
S3_PORT=$((18085 + OFFSET1)); S3_BUCKET=cluster
S3_KEY=cluster-test-only-access-key; S3_SECRET="cluster-test-only-$(head -c 12 /dev/urandom | base64 | tr '+/' '-_')"
STORAGE_NODE_ENV=(env)
storage_setup() {
    [[ -n $S3_JAR ]] || { echo "storage: one shared directory ($SHARED_STORAGE)"; return 0; }
    S3_ACCESS_KEY=$S3_KEY S3_SECRET_KEY=$S3_SECRET bash "$repo/ear/src/test/s3/s3-server.sh" start "$S3_JAR" "$WORK/s3" "$S3_PORT" "$S3_BUCKET" \
        || fail "the S3 server did not start"
    STORAGE_NODE_ENV=(env VIDEO_ACTION_MAP_LOCAL_STORAGE=s3 VIDEO_ACTION_MAP_LOCAL_S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
                      VIDEO_ACTION_MAP_LOCAL_S3_BUCKET="$S3_BUCKET" AWS_ACCESS_KEY_ID="$S3_KEY" AWS_SECRET_ACCESS_KEY="$S3_SECRET")
    echo "storage: S3 bucket $S3_BUCKET on 127.0.0.1:$S3_PORT, each node a scratch directory of its own"
}
node_storage_dir() { if [[ -n $S3_JAR ]]; then echo "$WORK/$1-scratch"; else echo "$SHARED_STORAGE"; fi; }
# A GET of the bucket's S3 API (SigV4; path and query after the bucket, the query's names in
# order), to stdout.
s3_get() {
    curl -fs --aws-sigv4 "aws:amz:us-east-1:s3" -u "$S3_KEY:$S3_SECRET" -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' \
        "http://127.0.0.1:$S3_PORT/$S3_BUCKET$1"
}
# The bytes of an unjoined upload's parts in the bucket (ListMultipartUploads, then ListParts):
# what a node has sent so far, read without asking any node (a HEAD would stop the PATCH).
s3_parts_bytes() {
    local upload_id
    upload_id=$(s3_get "?prefix=uploads%2F$1&uploads=" | grep -o '<UploadId>[^<]*' | head -1 | cut -d'>' -f2)
    [[ -n $upload_id ]] || { echo 0; return; }
    s3_get "/uploads/$1?uploadId=$upload_id" | grep -o '<Size>[0-9]*' | cut -d'>' -f2 | awk '{ s += $1 } END { print s + 0 }'
}

cleanup() {
    media_job_cleanup
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [[ -n $S3_JAR ]] && bash "$repo/ear/src/test/s3/s3-server.sh" stop "$WORK/s3"
    dropdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists --force "$DB" 2>/dev/null || true
}
trap cleanup EXIT
fail() { echo "CLUSTER TEST FAILED: $*" >&2; for n in 1 2; do echo "--- node $n log (tail)"; tail -n 40 "$WORK/node$n/log/server.log" 2>/dev/null || true; done; exit 1; }

# --- Media jobs on a shared broker (issue 18): the broker, the nodes' configuration and the
# kill -9 check of step 5. Without IT_ARTEMIS_ZIP the nodes keep their embedded brokers, and
# step 5 is skipped.
ARTEMIS_ZIP=${IT_ARTEMIS_ZIP:-}
BROKER_PORT=$((61616 + OFFSET1))
BROKER_PASSWORD="cluster-test-only-$(head -c 9 /dev/urandom | base64 | tr '+/' '-_')"
broker_pid=; media_orphan=; media_victim=
MEDIA_JOB_NODE_ENV=(env)

media_job_setup() {  # the shared broker and a copy of the server configured for it
    [[ -n $ARTEMIS_ZIP ]] || return 0
    broker_pid=$(bash "$here/artemis-broker.sh" "$ARTEMIS_ZIP" "$WORK/broker" "$BROKER_PORT" video "$BROKER_PASSWORD") \
        || fail "the Artemis broker did not start"
    NODE_HOME=$WORK/wildfly-remote-broker
    rm -rf "$NODE_HOME"
    cp -r "$JBOSS_HOME" "$NODE_HOME"
    rm -f "$NODE_HOME/.yourbit-config-stamp"
    bash "$repo/wildfly-config/configure.sh" --remote-broker "$NODE_HOME" "$(ls "$JBOSS_HOME"/modules/org/postgresql/main/*.jar)" \
        > "$WORK/configure-remote-broker.log" || fail "configure.sh --remote-broker failed"
    MEDIA_JOB_NODE_ENV=(env VIDEO_BROKER_HOST=127.0.0.1 VIDEO_BROKER_PORT="$BROKER_PORT" VIDEO_BROKER_USER=video
                        VIDEO_BROKER_PASSWORD="$BROKER_PASSWORD")
    echo "shared Artemis broker on port $BROKER_PORT (pid $broker_pid)"
}

media_job_cleanup() {
    if [[ -n $media_orphan ]]; then kill -9 "$media_orphan" 2>/dev/null || true; fi
    if [[ -n $broker_pid ]]; then kill "$broker_pid" 2>/dev/null || true; fi
}

# 5. A transcode whose node is killed with kill -9 in the middle of the ladder: the broker
# hands its unacknowledged message to the other node, which finishes the job from the job
# file in the shared storage directory; the video is ready with its whole ladder and each of
# its events arrives once.
media_job_survives_node_loss() {
    [[ -n $ARTEMIS_ZIP ]] || { echo "skipped: media job on a shared broker (no IT_ARTEMIS_ZIP)"; return 0; }
    local source=$WORK/transcode.mkv created vid upload_url token ffmpeg_pid jvm victim survivor renditions status
    ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=1280x720:rate=30" -f lavfi -i "sine=frequency=440" \
        -t 20 -c:v mpeg4 -q:v 4 -c:a mp2 "$source"
    created=$(curl -fs "${auth[@]}" -H 'Content-Type: application/json' -d '{"title":"transcoded while a node dies","provider":"local"}' "$N1/api/videos")
    vid=$(node -e 'console.log(JSON.parse(process.argv[1]).id)' "$created")
    upload_url=$(node -e 'console.log(JSON.parse(process.argv[1]).upload.url)' "$created")
    token=${upload_url##*/}
    curl -fs -o /dev/null -X PUT "$upload_url" -H 'Content-Type: video/x-matroska' --data-binary @"$source" \
        || fail "the transcode's upload was refused"
    for _ in $(seq 1 1200); do
        ffmpeg_pid=$(pgrep -f "ffmpeg .*$token.*720p/index.m3u8" | head -1) || true
        [[ -n $ffmpeg_pid ]] && break
        sleep 0.2
    done
    [[ -n $ffmpeg_pid ]] || fail "the ladder's ffmpeg of video $vid did not start on either node"
    jvm=$(ps -o ppid= -p "$ffmpeg_pid" | tr -d ' ')
    if tr '\0' ' ' < "/proc/$jvm/cmdline" | grep -q -- '-Djboss.node.name=node1 '; then
        victim=node1; survivor=$N2
    else
        victim=node2; survivor=$N1
    fi
    kill -9 "$jvm"
    media_victim=$victim
    media_orphan=$ffmpeg_pid
    kill -0 "$media_orphan" 2>/dev/null || fail "the ladder's ffmpeg had ended before $victim was killed"
    kill -9 "$media_orphan" 2>/dev/null || true   # what a dead machine's ffmpeg would do: nothing more
    echo "$victim (pid $jvm) killed with SIGKILL while it encoded the ladder of video $vid"
    local deadline=$((SECONDS + 420))
    while :; do
        status=$(curl -fs "${auth[@]}" "$survivor/api/videos/$vid" || true)
        renditions=$(node -e 'try { const v = JSON.parse(process.argv[1]); console.log(v.status + " " + v.renditions.length) } catch (e) { console.log("? 0") }' "$status")
        [[ $renditions == "ready 4" ]] && break
        [[ $SECONDS -gt $deadline ]] && fail "after $victim died, video $vid is $renditions (status, renditions), not ready with 4: $status"
        sleep 1
    done
    sleep 3   # a second report would show up now
    node - "$EVENTS" "$vid" <<'CHECK' || fail "the transcoded video's events were not sent once each"
const [file, id] = process.argv.slice(2);
const lines = require('fs').readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map(JSON.parse);
const mine = lines.filter((l) => l.videoId === id);
const ids = new Set(mine.map((l) => l.id));
const types = mine.map((l) => l.type);
const problems = [];
if (ids.size !== mine.length) problems.push(`duplicate event ids: ${types.join(',')}`);
if (types.filter((t) => t === 'video.ready').length !== 1) problems.push(`video.ready not once: ${types.join(',')}`);
if (types.includes('video.errored')) problems.push(`errored: ${types.join(',')}`);
if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
console.log(`video ${id}: ${types.join(', ')}`);
CHECK
    echo "ok: the job of the killed node was finished by the other node, the video ready with 4 renditions, each event once"
}

dropdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists --force "$DB"
createdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$DB"

start_node() {  # name offset
    local base="$WORK/$1"
    bash "$repo/wildfly-config/fresh-base.sh" "$NODE_HOME" "$base"
    cp "$EAR" "$base/deployments/"
    JBOSS_PIDFILE="$base/server.pid" \
    VIDEO_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" VIDEO_DB_USER="$PGUSER" VIDEO_DB_PASSWORD="$PGPASSWORD" \
    MUX_WEBHOOK_SECRET="$WEBHOOK_SECRET" VIDEO_NOTIFY_SECRET="$NOTIFY_SECRET" LAUNCH_JBOSS_IN_BACKGROUND=1 \
    "${MEDIA_JOB_NODE_ENV[@]}" "${STORAGE_NODE_ENV[@]}" "$NODE_HOME/bin/standalone.sh" -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset="$2" \
        -Djboss.node.name="$1" -Djboss.tx.node.id="$1" \
        -Dvideo.action-map.local.public-url="http://localhost:$((8080 + $2))" \
        -Dvideo.action-map.local.storage-dir="$(node_storage_dir "$1")" \
        -Dvideo.action-map.local.upload-timeout=PT2S -Dvideo.expiry.after=PT0S \
        -Dvideo.notify.url="http://127.0.0.1:$RECEIVER_PORT/events" -Dvideo.notify.poll-interval=PT0.5S \
        > "$WORK/$1.console" 2>&1 &
    pids+=($!)
}
await_deployed() {  # name offset
    for _ in $(seq 360); do
        if curl -fs "http://localhost:$((9990 + $2))/health/ready" >/dev/null 2>&1; then return 0; fi
        sleep 0.5
    done
    fail "$1 did not become ready"
}

rm -rf "$SHARED_STORAGE"
mkdir -p "$WORK" "$SHARED_STORAGE"
NODE_HOME=$JBOSS_HOME
storage_setup
media_job_setup
EVENTS=$WORK/events.jsonl
: > "$EVENTS"
node "$repo/ear/src/test/js/event-receiver.mjs" "$RECEIVER_PORT" "$NOTIFY_SECRET" "$EVENTS" > "$WORK/receiver.log" 2>&1 &
pids+=($!)
start_node node1 "$OFFSET1"
await_deployed node1 "$OFFSET1"
start_node node2 "$OFFSET2"
await_deployed node2 "$OFFSET2"
N1=http://localhost:$((8080 + OFFSET1)); N2=http://localhost:$((8080 + OFFSET2))
TOKEN=$(java -Ddev.jwt.key="$repo/wildfly-config/dev/jwt-private.pem" "$repo/wildfly-config/dev/DevJwt.java" cluster-user)
auth=(-H "Authorization: Bearer $TOKEN")

# 1. Created on node 1, read on node 2.
id=$(curl -fs "${auth[@]}" -H 'Content-Type: application/json' -d '{"title":"seen everywhere"}' "$N1/api/videos" \
     | sed -E 's/.*"id":"([^"]+)".*/\1/')
curl -fs "${auth[@]}" "$N2/api/videos/$id" | grep -q "\"id\":\"$id\"" || fail "video $id made on node 1 is not visible on node 2"
echo "ok: video created on node 1 is read on node 2"

# 2. One Mux event, delivered to node 1 and again to node 2: applied once.
event_id=$(cat /proc/sys/kernel/random/uuid)
upload_id=$(openssl rand -hex 18)   # shaped like a Mux upload id (36 alphanumerics)
body="{\"type\":\"video.upload.cancelled\",\"id\":\"$event_id\",\"created_at\":\"2026-01-01T00:00:00Z\",\"object\":{\"type\":\"upload\",\"id\":\"$upload_id\"},\"data\":{\"id\":\"$upload_id\",\"status\":\"cancelled\"}}"
ts=$(date +%s)
sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$WEBHOOK_SECRET" -r | cut -d' ' -f1)
deliver() { curl -s -w ' HTTP %{http_code}' -H 'Content-Type: application/json' -H "Mux-Signature: t=$ts,v1=$sig" --data-binary "$body" "$1/webhooks/mux"; }
first=$(deliver "$N1")
[[ $first == *"HTTP 200" ]] || fail "node 1 refused a signed webhook: $first"
second=$(deliver "$N2")
[[ $second == *"HTTP 200" ]] || fail "node 2 refused a signed webhook: $second"
echo "node 1: $first, node 2: $second"
[[ $first == *unknown_video* ]] || fail "first delivery was not recorded as unmatched: $first"
[[ $second == *duplicate* ]] || fail "the duplicate on node 2 was not recognised: $second"
echo "ok: a webhook on node 1 and its duplicate on node 2 are applied once"

# 3. Stale uploads (their 2 s upload URLs lapse), swept by the timers of both nodes.
stale_ids=()
for i in $(seq $STALE); do
    stale_ids+=("$(curl -fs "${auth[@]}" -H 'Content-Type: application/json' -d "{\"title\":\"stale $i\"}" "$N1/api/videos" \
                  | sed -E 's/.*"id":"([^"]+)".*/\1/')")
done
deadline=$((SECONDS + 200))
while :; do
    expired=0
    for v in "${stale_ids[@]}"; do
        curl -fs "${auth[@]}" "$N2/api/videos/$v" | grep -q '"status":"expired"' && expired=$((expired + 1))
    done
    [[ $expired -eq $STALE ]] && break
    [[ $SECONDS -gt $deadline ]] && fail "only $expired of $STALE stale videos expired"
    sleep 1
done
sleep 2
counted=0
for n in 1 2; do
    for k in $(grep -ho 'stale-upload sweep: SweepResult\[[^]]*expired=[0-9]*' "$WORK/node$n/log/server.log" | sed -E 's/.*expired=([0-9]+)/\1/'); do
        counted=$((counted + k))
    done
done
echo "expiries counted in the two nodes' logs: $counted (stale videos: $STALE, plus the first video: 1)"
# The first video (step 1) had a 2 s upload URL too, so it is stale as well.
[[ $counted -eq $((STALE + 1)) ]] || fail "expected $((STALE + 1)) expiries in total, the logs count $counted"
echo "ok: each stale video was expired exactly once across the two nodes"
# 4. Events: videos made and deleted on alternating nodes; both nodes send from the one outbox.
event_ids=()
for i in $(seq 8); do
    node_url=$N1; [[ $((i % 2)) -eq 0 ]] && node_url=$N2
    event_ids+=("$(curl -fs "${auth[@]}" -H 'Content-Type: application/json' -d "{\"title\":\"told $i\"}" "$node_url/api/videos" \
                  | sed -E 's/.*"id":"([^"]+)".*/\1/')")
done
for i in 0 1 2 3; do
    node_url=$N2; [[ $((i % 2)) -eq 0 ]] && node_url=$N1
    curl -fs -o /dev/null -X DELETE "${auth[@]}" "$node_url/api/videos/${event_ids[$i]}" || fail "delete on the cluster failed"
done
deadline=$((SECONDS + 60))
while :; do
    got=0
    for v in "${event_ids[@]}"; do grep -q "\"videoId\":\"$v\"" "$EVENTS" && got=$((got + 1)); done
    deleted=$(grep -c '"type":"video.deleted"' "$EVENTS" || true)
    [[ $got -eq 8 && $deleted -ge 4 ]] && break
    [[ $SECONDS -gt $deadline ]] && fail "events reached the endpoint for $got of 8 videos, $deleted of 4 deletions"
    sleep 0.5
done
sleep 3   # a second sender would show up now
node - "$EVENTS" "${event_ids[@]}" <<'CHECK' || fail "events were not sent once each, signed and in order"
const [file, ...ids] = process.argv.slice(2);
const lines = require('fs').readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map(JSON.parse);
const problems = [];
const seen = new Map();
for (const l of lines) {
  if (!l.verified) problems.push(`event ${l.id} failed signature verification`);
  seen.set(l.id, (seen.get(l.id) || 0) + 1);
}
for (const [id, n] of seen) if (n > 1) problems.push(`event ${id} arrived ${n} times`);
ids.forEach((id, i) => {
  const types = lines.filter((l) => l.videoId === id).map((l) => l.type);
  // Their 2 s upload URLs lapse, so an expiry may come between creation and deletion.
  const want = i < 4 ? ['video.created', 'video.deleted'] : ['video.created'];
  const core = types.filter((t) => t !== 'video.expired');
  const expired = types.indexOf('video.expired');
  if (JSON.stringify(core) !== JSON.stringify(want) || (expired >= 0 && (expired === 0 || (i < 4 && expired === types.length - 1)))) {
    problems.push(`video ${id}: ${types.join(',')}`);
  }
});
if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
console.log(`${lines.length} events, each once, signed, in order per video`);
CHECK
echo "ok: the two nodes sent every event once"
media_job_survives_node_loss
if [[ -n $media_victim ]]; then
    # The upload part needs both nodes again.
    if [[ $media_victim == node1 ]]; then start_node node1 "$OFFSET1"; await_deployed node1 "$OFFSET1"
    else start_node node2 "$OFFSET2"; await_deployed node2 "$OFFSET2"; fi
    echo "$media_victim started again"
fi

# 6. Uploads without sticky sessions: one upload, any node, node 1 killed mid-PATCH.
cluster_uploads() {
    local size=$((48 * 1024 * 1024)) chunk=$((2 * 1024 * 1024)) src=$WORK/upload-source.bin
    head -c "$size" /dev/urandom > "$src"
    # The nodes run with 2 s upload URLs (the stale uploads above); this upload needs longer.
    for offset in "$OFFSET1" "$OFFSET2"; do
        "$JBOSS_HOME/bin/jboss-cli.sh" --connect --controller="localhost:$((9990 + offset))" \
            --command="/system-property=video.action-map.local.upload-timeout:add(value=PT15M)" > /dev/null \
            || fail "the upload URL lifetime could not be raised on the node at offset $offset"
    done
    local url1 token
    url1=$(curl -fs "${auth[@]}" -H 'Content-Type: application/json' -d '{"title":"any node","provider":"local"}' "$N1/api/videos" \
           | node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>console.log(JSON.parse(d).upload.url))')
    [[ $url1 == "$N1/"* ]] || fail "no local upload URL on node 1: $url1"
    local url2=$N2${url1#"$N1"} stored
    token=${url1##*/}; stored=$SHARED_STORAGE/uploads/$token.bin
    # The bytes stored so far while a PATCH runs: the shared file's size, or the parts in the
    # bucket (S3 keeps bytes in parts of 5 MiB, each durable as it is sent, and a tail).
    stored_size() { if [[ -n $S3_JAR ]]; then s3_parts_bytes "$token"; else stat -c %s "$stored"; fi; }
    # The first $1 stored bytes are the source's (the shared file; in S3 an unjoined upload's parts
    # cannot be read back, and the joined object is compared whole at the end).
    stored_prefix_intact() { [[ -n $S3_JAR ]] || cmp -n "$1" "$stored" "$src" > /dev/null; }
    stored_whole() { if [[ -n $S3_JAR ]]; then s3_get "/uploads/$token"; else cat "$stored"; fi; }
    curl -fs -o /dev/null -X POST "$url1" -H 'Tus-Resumable: 1.0.0' -H "Upload-Length: $size" || fail "tus creation refused"
    tus_offset() { curl -fsI "$1" -H 'Tus-Resumable: 1.0.0' | tr -d '\r' | awk -F': ' 'tolower($1)=="upload-offset"{print $2}'; }
    tus_patch() {  # url offset length [curl options...] -> HTTP status
        local url=$1 at=$2 length=$3; shift 3
        dd if="$src" iflag=skip_bytes,count_bytes skip="$at" count="$length" bs=1M status=none \
            | curl -s -o /dev/null -w '%{http_code}' -X PATCH "$url" \
            -H 'Tus-Resumable: 1.0.0' -H "Upload-Offset: $at" -H 'Content-Type: application/offset+octet-stream' \
            "$@" --data-binary @-
    }

    # 5a. PATCHes alternate between the nodes; HEAD on the other node sees each one's offset.
    local at=0 i status
    for i in 1 2 3 4; do
        local here=$url1 there=$url2
        ((i % 2 == 0)) && { here=$url2; there=$url1; }
        status=$(tus_patch "$here" "$at" "$chunk")
        [[ $status == 204 ]] || fail "PATCH $i at $at answered $status"
        at=$((at + chunk))
        [[ $(tus_offset "$there") == "$at" ]] || fail "after PATCH $i the other node reports $(tus_offset "$there"), not $at"
    done
    echo "ok: four PATCHes alternating between the nodes, each offset seen by the other node"

    # 5b. Node 1 reads a slow PATCH; a PATCH on node 2 at the offset its client knew stops it.
    tus_patch "$url1" "$at" $((size - at)) --limit-rate 2M > "$WORK/slow-patch.status" &
    local slow=$!
    for _ in $(seq 300); do (($(stored_size) > at + chunk)) && break; sleep 0.1; done
    (($(stored_size) > at + chunk)) || fail "the slow PATCH on node 1 did not get going"
    status=$(tus_patch "$url2" "$at" "$chunk")
    [[ $status == 409 ]] || fail "a PATCH on node 2 at the stale offset $at while node 1 reads one answered $status, not 409"
    for _ in $(seq 100); do kill -0 "$slow" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$slow" 2>/dev/null && fail "node 1 did not stop reading its PATCH when node 2 asked"
    wait "$slow" || true
    local kept
    kept=$(tus_offset "$url2")
    ((kept > at + chunk && kept < size)) || fail "node 2 reports $kept after node 1 stopped (from $at)"
    stored_prefix_intact "$kept" || fail "the bytes node 1 kept differ from the source"
    status=$(tus_patch "$url2" "$kept" "$chunk")
    [[ $status == 204 ]] || fail "node 2 could not go on at $kept: $status"
    at=$((kept + chunk))
    echo "ok: a PATCH on node 2 stopped node 1's (409 at the stale offset); node 2 went on from the $kept bytes node 1 kept"

    # 5c. Node 1 killed with kill -9 during a PATCH; node 2 reports the intact offset, the client resumes there.
    tus_patch "$url1" "$at" $((size - at)) --limit-rate 8M > /dev/null &
    local client=$!
    for _ in $(seq 300); do (($(stored_size) > at + 2 * chunk)) && break; sleep 0.1; done
    (($(stored_size) > at + 2 * chunk)) || fail "the PATCH on node 1 did not get going"
    kill -9 "$(cat "$WORK/node1/server.pid")"
    wait "$client" || true
    echo "node 1 killed with SIGKILL during a PATCH"
    local reported
    reported=$(tus_offset "$url2")
    [[ -n $reported ]] || fail "HEAD on node 2 reported no offset after node 1 died"
    ((reported > at && reported < size)) || fail "HEAD on node 2 reports $reported (the PATCH began at $at)"
    stored_prefix_intact "$reported" || fail "the acknowledged bytes differ from the source"
    local result
    result=$(node "$repo/ear/src/test/js/tus-resume.mjs" "$url2" "$src" --chunk-size=$((8 * 1024 * 1024)))
    [[ $result == *'"ok":true'* && $result == *"\"resumedFrom\":$reported"* ]] || fail "tus-js-client did not resume on node 2 from $reported: $result"
    [[ $(stored_whole | sha256sum) == $(sha256sum < "$src") ]] || fail "the upload finished on node 2 is not byte-identical"
    echo "ok: node 1 killed mid-PATCH; node 2 reported $reported intact bytes, tus-js-client resumed there to a byte-identical file"
}
cluster_uploads
echo "CLUSTER TEST PASSED"
