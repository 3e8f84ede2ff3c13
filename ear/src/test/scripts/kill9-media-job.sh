#!/usr/bin/env bash
# Fault injection: the server is killed with SIGKILL while the media job of a complete upload
# encodes the rest of its ladder (the video is ready with its first rendition, 240p; ffmpeg
# encodes 360p, 480p and 720p). The orphaned ffmpeg lives on, as it does where only the JVM
# dies. After a restart the job goes on by itself, apart from the orphan: the video ends up
# with the whole ladder, every rendition read back whole by ffprobe, and the first rendition
# is the one made before the kill, not made again. Run by `mvn verify` (ear module,
# post-integration-test, after kill9-resume.sh), or by hand:
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
# 720p for four rungs; 20 s make the ladder's encoding take long enough here to kill the
# server in the middle of it.
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

ready=preparing
for _ in $(seq 1 240); do
    ready=$(field "$(video_json)" status)
    [[ $ready != preparing ]] && break
    sleep 0.25
done
[[ $ready == ready ]] || fail "the video is $ready, not ready with its first rendition"
first_segment=$base/data/yourbit-video/storage/hls/$token/240p/seg00000.ts
[[ -f $first_segment ]] || fail "no first rendition at $first_segment"
first_inode=$(stat -c %i "$first_segment")

for _ in $(seq 1 300); do
    orphan=$(pgrep -f "ffmpeg .*$token.*720p/index.m3u8" | head -1) || true
    [[ -n $orphan ]] && break
    sleep 0.1
done
[[ -n $orphan ]] || fail "the ladder's ffmpeg did not start"
sleep 1
kill9_server
kill -0 "$orphan" 2>/dev/null || fail "ffmpeg had finished the ladder before the kill: make the source longer"
echo "server killed with SIGKILL while ffmpeg ($orphan) encoded the rest of the ladder; ffmpeg lives on"

start_server "$home" "$ear" "$base" "$offset" "$url"
renditions=0
for _ in $(seq 1 480); do
    renditions=$(node -e 'console.log(JSON.parse(process.argv[1]).renditions.length)' "$(video_json)")
    [[ $renditions == 4 ]] && break
    sleep 0.5
done
[[ $renditions == 4 ]] || fail "after the restart the video lists $renditions renditions, not 4: $(video_json)"
[[ $(field "$(video_json)" status) == ready ]] || fail "the video is no longer ready: $(video_json)"
[[ $(stat -c %i "$first_segment") == "$first_inode" ]] || fail "the first rendition was made again"
duration=$(field "$(video_json)" durationSeconds)
master=$(field "$(curl -sf "$url/api/videos/$id/playback" -H "Authorization: Bearer $jwt")" url)
[[ $master == *.m3u8* ]] || fail "the playback URL is not an HLS playlist: $master"
variants=$(curl -sf "$master" | grep -v '^#') || fail "the master playlist cannot be read"
[[ $(echo "$variants" | cut -d/ -f1 | tr '\n' ' ') == "240p 360p 480p 720p " ]] \
    || fail "the master playlist lists $variants"
for variant in $variants; do
    probed=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "${master%%stream.m3u8*}$variant") \
        || fail "ffprobe cannot read the rendition ${variant%%/*}"
    node -e 'const [d, p, s] = process.argv.slice(1).map(Number); process.exit(Math.abs(d - s) < 0.5 && Math.abs(p - s) < 0.5 ? 0 : 1)' \
        "$duration" "$probed" "$seconds" || fail "expected $seconds s, the video says $duration s, its ${variant%%/*} rendition $probed s"
done
echo "kill -9 media job test passed: after the restart the ladder was finished (240p kept, 360p, 480p, 720p made), each rendition $seconds s"
stop_server
trap - EXIT
kill -9 "$orphan" 2>/dev/null || true
rm -rf "$work"
