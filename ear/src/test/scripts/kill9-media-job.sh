#!/usr/bin/env bash
# Fault injection: the server is killed with SIGKILL while the media job of a complete upload
# runs (ffmpeg encoding it to HLS). The orphaned ffmpeg lives on, as it does where only the
# JVM dies. After a restart the job runs again by itself, apart from the orphan, and the video
# becomes ready with an HLS rendition that ffprobe reads back whole. Run by `mvn verify` (ear
# module, post-integration-test, after kill9-resume.sh), or by hand:
#
#   kill9-media-job.sh <wildfly-home> <ear> <work-dir> <port-offset> <public-url>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=$1 ear=$2 work=$3 offset=$4 url=$5
source "$here/server.sh"

rm -rf "$work"
mkdir -p "$work"
base=$work/server
source_file=$work/source.mkv
seconds=20
# MPEG-4 Part 2 video with MP2 sound cannot be copied into HLS: the job encodes it to
# H.264/AAC, which takes long enough here to kill the server in the middle of it.
ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=1280x720:rate=30" -f lavfi -i "sine=frequency=440" \
    -t "$seconds" -c:v mpeg4 -q:v 4 -c:a mp2 "$source_file"
orphan=
trap 'stop_server; [[ -n $orphan ]] && kill -9 "$orphan" 2>/dev/null; true' EXIT

fail() {
    echo "kill -9 media job test FAILED: $*" >&2
    exit 1
}

field() { # field <json> <name>
    node -e 'console.log(JSON.parse(process.argv[1])[process.argv[2]] ?? "")' "$1" "$2"
}

video_json() {
    curl -sf "$url/api/videos/$id" -H "Authorization: Bearer $jwt"
}

start_server "$home" "$ear" "$base" "$offset" "$url"
jwt=$(dev_jwt kill9-media)
created=$(curl -sf -X POST "$url/api/videos" -H "Authorization: Bearer $jwt" -H 'Content-Type: application/json' \
    -d '{"title":"killed while processing","provider":"local"}')
id=$(field "$created" id)
upload_url=$(node -e 'console.log(JSON.parse(process.argv[1]).upload.url)' "$created")
token=${upload_url##*/}
curl -sf -o /dev/null -X PUT "$upload_url" -H 'Content-Type: video/x-matroska' --data-binary @"$source_file" \
    || fail "the upload was refused"

for _ in $(seq 1 300); do
    orphan=$(pgrep -f "ffmpeg .*$token.* hls" | head -1) || true
    [[ -n $orphan ]] && break
    sleep 0.1
done
[[ -n $orphan ]] || fail "the media job's ffmpeg did not start"
sleep 1
kill9_server
kill -0 "$orphan" 2>/dev/null || fail "ffmpeg had finished before the kill: make the source longer"
echo "server killed with SIGKILL while ffmpeg ($orphan) encoded the upload; ffmpeg lives on"

start_server "$home" "$ear" "$base" "$offset" "$url"
status=preparing
for _ in $(seq 1 240); do
    status=$(field "$(video_json)" status)
    [[ $status != preparing ]] && break
    sleep 0.5
done
[[ $status == ready ]] || fail "after the restart the video is $status, not ready"
duration=$(field "$(video_json)" durationSeconds)
playlist=$(field "$(curl -sf "$url/api/videos/$id/playback" -H "Authorization: Bearer $jwt")" url)
[[ $playlist == *.m3u8* ]] || fail "the playback URL is not an HLS playlist: $playlist"
probed=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$playlist") \
    || fail "ffprobe cannot read the HLS rendition"
node -e 'const [d, p, s] = process.argv.slice(1).map(Number); process.exit(Math.abs(d - s) < 0.5 && Math.abs(p - s) < 0.5 ? 0 : 1)' \
    "$duration" "$probed" "$seconds" || fail "expected $seconds s, the video says $duration s, its HLS rendition $probed s"
echo "kill -9 media job test passed: after the restart the job ran again; ready, $duration s, HLS rendition of $probed s"
stop_server
trap - EXIT
kill -9 "$orphan" 2>/dev/null || true
rm -rf "$work"
