#!/usr/bin/env bash
# 200 mixed API clients (bench/load.mjs) against an earlier revision and against this checkout,
# in one run, on H2 and on PostgreSQL, so that "N times the throughput before" is a ratio of
# two figures from the same machine and hour rather than against a figure from another day.
# The earlier revision is built offline in a temporary worktree (bench/work/before).
#
#   mvn -o -q package -DskipTests          # once: this checkout's EAR and configured WildFly
#   bench/load-before.sh <revision> [port-offset] [seconds] [rounds]
#
# Each round runs before and after back to back on fresh servers and databases (default 2
# rounds of 30 s, each after BENCH_WARM_SECONDS=120 of unrecorded load: on 2 cores the
# JIT compiler takes a third of the CPU for the first two minutes); prints every run's
# overall line and the ratios of the medians.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
revision=${1:?usage: bench/load-before.sh <revision> [port-offset] [seconds] [rounds]}
offset=${2:-450}
seconds=${3:-30}
rounds=${4:-2}
warm_seconds=${BENCH_WARM_SECONDS:-120}
url="http://localhost:$((8080 + offset))"
source "$root/ear/src/test/scripts/server.sh"
(cd "$bench" && npm ci --no-audit --no-fund --silent)

checkout() { # <dir>: prints "<wildfly home> <ear>" of a built checkout
    local home
    home=$(ls -d "$1"/ear/target/wildfly-*/ 2>/dev/null | head -1)
    [[ -d $home && -f $1/ear/target/yourbit-video.ear ]] || return 1
    echo "$home $1/ear/target/yourbit-video.ear"
}
after=$(checkout "$root") || { echo "build first: mvn -o -q package -DskipTests" >&2; exit 1; }
before_dir=$bench/work/before
commit=$(git -C "$root" rev-parse "$revision^{commit}")
if [[ $(git -C "$before_dir" rev-parse HEAD 2>/dev/null) != "$commit" ]] || ! checkout "$before_dir" >/dev/null; then
    git -C "$root" worktree remove --force "$before_dir" 2>/dev/null || rm -rf "$before_dir"
    git -C "$root" worktree prune
    git -C "$root" worktree add --detach "$before_dir" "$commit" >/dev/null
    echo "building $revision in $before_dir" >&2
    (cd "$before_dir" && mvn -o -q -B package -DskipTests -Dit.scripts.skip=true >/dev/null)
fi
before=$(checkout "$before_dir")

work=$bench/work/load-before
rm -rf "$work"
mkdir -p "$work"
trap stop_server EXIT
# One run: <label> <home> <ear> <database>; appends "label database req/s p50 p99" to results.
run() {
    local label=$1 home=$2 ear=$3 database=$4 args=() line
    if [[ $database == postgresql ]]; then
        use_fresh_postgresql "yourbit_before_$offset"
        args=(-c standalone-postgresql.xml)
    fi
    start_server "$home" "$ear" "$work/server" "$offset" "$url" "${args[@]}"
    # Unrecorded first: a fresh JVM spends its first half minute compiling.
    node "$bench/load.mjs" "$url" 200 "$warm_seconds" 0 > /dev/null || true
    node "$bench/load.mjs" "$url" 200 "$seconds" 0 > "$work/$label-$database.txt" || true
    stop_server
    rm -rf "$work/server"
    unset VIDEO_DB_URL VIDEO_DB_USER VIDEO_DB_PASSWORD
    line=$(tail -1 "$work/$label-$database.txt")
    echo "$label $database: $line" >&2
    # "API: 1125 req/s, p50 142.0 ms, p99 638.0 ms; ..."
    sed -E 's/^API: ([0-9.]+) req\/s, p50 ([0-9.]+) ms, p99 ([0-9.]+) ms.*/\1 \2 \3/' <<< "$line" \
        | sed "s/^/$label $database /" >> "$work/results.txt"
}
for database in h2 postgresql; do
    for round in $(seq 1 "$rounds"); do
        # shellcheck disable=SC2086
        run before $before "$database"
        # shellcheck disable=SC2086
        run after $after "$database"
    done
done
node - "$work/results.txt" "$revision" <<'EOF'
const [file, revision] = process.argv.slice(2);
const rows = require('fs').readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(' '));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
for (const database of ['h2', 'postgresql']) {
  const of = (label, i) => rows.filter((r) => r[0] === label && r[1] === database).map((r) => Number(r[i]));
  const b = [2, 3, 4].map((i) => median(of('before', i)));
  const a = [2, 3, 4].map((i) => median(of('after', i)));
  console.log(`${database}: ${revision} ${b[0]} req/s p50 ${b[1]} p99 ${b[2]} ms; now ${a[0]} req/s p50 ${a[1]} p99 ${a[2]} ms;`
    + ` throughput ${(a[0] / b[0]).toFixed(2)}x (goal >= 2x), p99 ${a[2] <= 300 ? '<=' : '>'} 300 ms`);
}
EOF
