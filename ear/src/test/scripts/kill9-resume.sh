#!/usr/bin/env bash
# Fault injection: the server is killed with SIGKILL in the middle of a tus PATCH. After a
# restart, HEAD must report an offset whose bytes on disk equal the source's, and
# tus-js-client must resume from it to a byte-identical file. Run by `mvn verify` (ear
# module, post-integration-test, after Arquillian's server has stopped), or by hand:
#
#   kill9-resume.sh <wildfly-home> <ear> <work-dir> <port-offset> <public-url>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=$1 ear=$2 work=$3 offset=$4 url=$5
source "$here/server.sh"

rm -rf "$work"
mkdir -p "$work"
base=$work/server
source_file=$work/source.bin
size=$((128 * 1024 * 1024))
head -c "$size" /dev/urandom > "$source_file"
trap 'stop_server' EXIT

fail() {
    echo "kill -9 resume test FAILED: $*" >&2
    exit 1
}

start_server "$home" "$ear" "$base" "$offset" "$url"
jwt=$(dev_jwt kill9)
upload_url=$(create_local_video "$jwt")
token=${upload_url##*/}
stored=$base/data/yourbit-video/storage/uploads/$token.bin
curl -sf -o /dev/null -X POST "$upload_url" -H 'Tus-Resumable: 1.0.0' -H "Upload-Length: $size"

# One long PATCH of the whole file, slowed down so that the kill lands in its middle.
curl -s -o /dev/null -X PATCH "$upload_url" -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' \
    -H 'Content-Type: application/offset+octet-stream' --limit-rate 24M --data-binary @"$source_file" &
client=$!
# Kill once a good part (but not all) of the body is on disk.
for _ in $(seq 1 100); do
    sleep 0.2
    (($(stat -c %s "$stored") > size / 4)) && break
done
kill9_server
echo "server killed with SIGKILL during the PATCH"
wait "$client" || true

on_disk=$(stat -c %s "$stored")
((on_disk > 0 && on_disk < size)) || fail "expected part of the file on disk, found $on_disk of $size bytes"
cmp -n "$on_disk" "$stored" "$source_file" >/dev/null || fail "the stored bytes differ from the source"

start_server "$home" "$ear" "$base" "$offset" "$url"
reported=$(curl -sfI "$upload_url" -H 'Tus-Resumable: 1.0.0' | tr -d '\r' | awk -F': ' 'tolower($1)=="upload-offset"{print $2}')
[[ -n $reported ]] || fail "HEAD reported no Upload-Offset after the restart"
((reported <= on_disk)) || fail "HEAD reports $reported bytes but only $on_disk are on disk"
cmp -n "$reported" "$stored" "$source_file" >/dev/null || fail "the acknowledged bytes differ from the source"
echo "after the restart HEAD reports offset $reported of $size; those bytes are intact"

result=$(node "$here/../js/tus-resume.mjs" "$upload_url" "$source_file" --chunk-size=$((8 * 1024 * 1024)))
echo "tus-js-client: $result"
[[ $result == *'"ok":true'* && $result == *"\"resumedFrom\":$reported"* ]] || fail "tus-js-client did not resume from $reported"
[[ $(sha256sum < "$stored") == $(sha256sum < "$source_file") ]] || fail "the completed upload is not byte-identical"
echo "kill -9 resume test passed: resumed from $reported to a byte-identical file of $size bytes"
stop_server
trap - EXIT
rm -rf "$work"
