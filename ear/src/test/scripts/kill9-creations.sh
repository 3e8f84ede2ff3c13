#!/usr/bin/env bash
# Fault injection: the server on its default H2 file database is killed with SIGKILL while
# parallel clients create videos back to back. A 201 promises the video exists, so after a
# restart every video that was answered 201 must be there (GET 200), in each of 3 rounds on
# the same database. Run by `mvn verify` (ear module, post-integration-test, after Arquillian's
# server has stopped), or by hand:
#
#   kill9-creations.sh <wildfly-home> <ear> <work-dir> <port-offset> <public-url>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=$1 ear=$2 work=$3 offset=$4 url=$5
source "$here/server.sh"
clients=8
rounds=3
key=$here/../../../../wildfly-config/dev/jwt-private.pem

rm -rf "$work"
mkdir -p "$work"
base=$work/server
client_pid=
trap 'stop_server; [[ -n $client_pid ]] && kill "$client_pid" 2>/dev/null; true' EXIT

fail() {
    echo "kill -9 creations test FAILED: $*" >&2
    exit 1
}

template=$(dev_jwt kill9-creations)
creator() { # creator <mode> <ids-file> [options...]
    node "$here/../js/create-videos.mjs" "$1" "$url" "$template" "$key" "$2" "${@:3}"
}

all=$work/acknowledged.txt
: > "$all"
total_lost=0
for round in $(seq 1 "$rounds"); do
    ids=$work/round-$round.txt
    : > "$ids"
    start_server "$home" "$ear" "$base" "$offset" "$url"
    creator create "$ids" --clients="$clients" --seconds=120 --user-prefix="r$round" > "$work/client-$round.json" &
    client_pid=$!
    # Kill at full speed, a few seconds in (a different moment each round), so that the
    # last commits before the kill are recent ones.
    threshold=$((150 + round * 100))
    for _ in $(seq 1 600); do
        (($(wc -l < "$ids") >= threshold)) && break
        kill -0 "$client_pid" 2>/dev/null || fail "the client stopped early: $(cat "$work/client-$round.json")"
        sleep 0.05
    done
    kill9_server
    wait "$client_pid" || fail "the client failed"
    client_pid=
    cat "$ids" >> "$all"
    echo "round $round: server killed with SIGKILL during creations; client: $(cat "$work/client-$round.json")"

    start_server "$home" "$ear" "$base" "$offset" "$url"
    this_round=$(creator check "$ids")
    everything=$(creator check "$all")
    stop_server
    echo "round $round after restart: this round $this_round; all rounds so far $everything"
    recorded=$(node -e 'console.log(JSON.parse(process.argv[1]).recorded)' "$this_round")
    ((recorded > 0)) || fail "no creation was acknowledged in round $round"
    lost=$(node -e 'const r = JSON.parse(process.argv[1]); console.log(r.recorded - r.present)' "$everything")
    total_lost=$lost
done

acknowledged=$(wc -l < "$all")
((total_lost == 0)) || fail "$total_lost of $acknowledged acknowledged videos are missing after kill -9 and restart"
echo "kill -9 creations test passed: all $acknowledged acknowledged videos survived $rounds kills"
trap - EXIT
rm -rf "$work"
