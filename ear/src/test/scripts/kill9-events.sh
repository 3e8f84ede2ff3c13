#!/usr/bin/env bash
# Fault injection for the events outbox: videos are created and deleted while the web tier's
# endpoint is down, so their events are committed but not delivered; the server is then killed
# with SIGKILL. After a restart, with the endpoint up, every one of those events arrives, signed
# (checked with the Standard Webhooks reference library) and in order per video. Run by
# `mvn verify` (ear module, post-integration-test), or by hand:
#
#   kill9-events.sh <wildfly-home> <ear> <work-dir> <port-offset> <public-url> <receiver-port>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=$1 ear=$2 work=$3 offset=$4 url=$5 port=$6
source "$here/server.sh"
videos=12
secret="whsec_$(head -c 32 /dev/urandom | base64)"
export VIDEO_NOTIFY_SECRET=$secret

rm -rf "$work"
mkdir -p "$work"
base=$work/server
receiver_pid=
trap 'stop_server; [[ -n $receiver_pid ]] && kill "$receiver_pid" 2>/dev/null; true' EXIT

fail() {
    echo "kill -9 events test FAILED: $*" >&2
    tail -n 30 "$base/log/server.log" >&2 || true
    exit 1
}

notify=(-Dvideo.notify.url="http://127.0.0.1:$port/events" -Dvideo.notify.retry-schedule=PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S
        -Dvideo.notify.timeout=PT2S -Dvideo.notify.poll-interval=PT0.5S)
start_server "$home" "$ear" "$base" "$offset" "$url" "${notify[@]}"
jwt=$(dev_jwt kill9-events)
ids=()
for i in $(seq "$videos"); do
    ids+=("$(curl -sf -X POST "$url/api/videos" -H "Authorization: Bearer $jwt" -H 'Content-Type: application/json' \
        -d "{\"title\":\"event $i\"}" | node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>console.log(JSON.parse(d).id))')")
done
for id in "${ids[@]:0:$((videos / 2))}"; do
    curl -sf -o /dev/null -X DELETE "$url/api/videos/$id" -H "Authorization: Bearer $jwt" || fail "delete of $id failed"
done
kill9_server
echo "server killed with SIGKILL after $videos creations and $((videos / 2)) deletions, the endpoint down all along"

out=$work/received.jsonl
: > "$out"
node "$here/../js/event-receiver.mjs" "$port" "$secret" "$out" > "$work/receiver.log" 2>&1 &
receiver_pid=$!
start_server "$home" "$ear" "$base" "$offset" "$url" "${notify[@]}"
expected=$((videos + videos / 2))
for _ in $(seq 1 120); do
    (($(grep -c '"verified":true' "$out" || true) >= expected)) && break
    sleep 0.5
done
stop_server
node - "$out" "${ids[@]}" <<'CHECK' || fail "see above"
const [out, ...ids] = process.argv.slice(2);
const lines = require('fs').readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map(JSON.parse);
const problems = [];
if (lines.some((l) => !l.verified)) problems.push('a request failed signature verification');
ids.forEach((id, i) => {
  const types = lines.filter((l) => l.videoId === id).map((l) => l.type);
  const want = i < ids.length / 2 ? ['video.created', 'video.deleted'] : ['video.created'];
  const distinct = types.filter((t, k) => types.indexOf(t) === k);
  if (JSON.stringify(distinct) !== JSON.stringify(want)) problems.push(`video ${id}: got ${types.join(',')}`);
});
if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
console.log(`kill -9 events test passed: ${lines.length} signed deliveries, every event of ${ids.length} videos, in order`);
CHECK
trap - EXIT
kill "$receiver_pid" 2>/dev/null || true
rm -rf "$work"
