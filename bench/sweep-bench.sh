#!/usr/bin/env bash
# Stale-upload sweep benchmark on PostgreSQL: 1,000,000 videos, 100,000 of them stale Mux
# uploads, one full sweep through POST /api/admin/expire-stale. Prints the plan of the
# sweep's stale-batch query, the sweep's own timings (provider lookups, database expiry,
# upload cancels, total) and checks with SQL that exactly the stale videos were expired.
#
#   mvn -o -q package -DskipTests          # once: builds the EAR and the configured WildFly
#   bench/sweep-bench.sh [port-offset] [batch-size]
#
# The service runs from ear/target/wildfly-* on a fresh base directory under bench/work with
# standalone-postgresql.xml (VIDEO_DB_*) on a fresh database yourbit_sweep_bench<offset>
# (PostgreSQL on PGHOST/PGPORT/PGUSER/PGPASSWORD, default 127.0.0.1:5432 postgres/postgres),
# port offset default 3300 (http://localhost:11380); the Mux API is a small simulator
# (bench/mux-lookup-simulator.mjs) on port 18081 + offset that knows every upload as
# `waiting`. The timer is off (video.expiry.enabled=false): only the admin call sweeps.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
offset=${1:-3300}
batch=${2:-5000}
url="http://localhost:$((8080 + offset))"
mux_port=$((18081 + offset))
work=$bench/work
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
db=yourbit_sweep_bench$offset
total=1000000
stale=100000
source "$root/ear/src/test/scripts/server.sh"

home=$(ls -d "$root"/ear/target/wildfly-*/ | head -1)
ear=$root/ear/target/yourbit-video.ear
[[ -f $ear && -d $home ]] || { echo "build first: mvn -o -q package -DskipTests" >&2; exit 1; }
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

# TEST-ONLY Mux credentials, the same the integration tests give their simulator (ear/pom.xml).
export MUX_TOKEN_ID=bench-test-only-token-id MUX_TOKEN_SECRET=bench-test-only-token-secret
export MUX_WEBHOOK_SECRET=bench-test-only-webhook-secret MUX_SIGNING_KEY=benchTestOnlyKey01
MUX_PRIVATE_KEY=$(base64 -w0 "$root/ear/src/test/resources/mux/test-signing-key.pem")
export MUX_PRIVATE_KEY
export VIDEO_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" VIDEO_DB_USER=$PGUSER VIDEO_DB_PASSWORD=$PGPASSWORD

sim_pid=
cleanup() {
    stop_server
    [[ -n $sim_pid ]] && kill "$sim_pid" 2>/dev/null || true
    [[ -n ${KEEP_DB:-} ]] || dropdb --if-exists --force "$db" 2>/dev/null || true
}
trap cleanup EXIT

mkdir -p "$work"
rm -rf "$work/sweep-server"
dropdb --if-exists --force "$db"
createdb "$db"
node "$bench/mux-lookup-simulator.mjs" "$mux_port" "$MUX_TOKEN_ID" "$MUX_TOKEN_SECRET" > "$work/mux-lookup-simulator.log" 2>&1 &
sim_pid=$!

# Flyway makes the schema when the application starts.
start_server "$home" "$ear" "$work/sweep-server" "$offset" "$url" \
    -Dvideo.expiry.enabled=false -Dvideo.expiry.batch-size="$batch" \
    -Dvideo.action-map.mux.api-url="http://127.0.0.1:$mux_port"
echo "server up at $url on database $db; batch size $batch"

echo "inserting $total videos ($stale stale Mux uploads)..."
start=$SECONDS
psql_db -v total="$total" -v url="$url" -f "$bench/sweep-bench-data.sql"
echo "inserted in $((SECONDS - start)) s"
# As autovacuum would have left a table of this age: hint bits set, visibility map, statistics.
psql_db -c "VACUUM (ANALYZE) video" -c "VACUUM (ANALYZE) upload_deadline"
psql_db -c "SELECT status, storage_type, count(*) FROM video GROUP BY 1, 2 ORDER BY 1, 2"

# The keyset batch query exactly as Hibernate issues it (checked against its log below),
# with the values of a batch in the middle of the sweep.
stale_sql="select v1_0.id,v1_0.aspect_ratio,v1_0.created_at,v1_0.duration_seconds,v1_0.error_reason,v1_0.ext_id,v1_0.ext_url,v1_0.owner_id,v1_0.playback_id,v1_0.ready_at,v1_0.source_filename,v1_0.source_filetype,v1_0.status,v1_0.storage_type,v1_0.thumbnail,v1_0.title,v1_0.updated_at,v1_0.upload_expires_at,v1_0.upload_id,v1_0.upload_protocol,v1_0.upload_status,v1_0.upload_url,v1_0.version from upload_deadline ud1_0 cross join video v1_0 where v1_0.id=ud1_0.video_id and ud1_0.expires_at<? and v1_0.status=? and ud1_0.expires_at>=? and (ud1_0.expires_at>? or (ud1_0.expires_at=? and ud1_0.video_id>?)) order by ud1_0.expires_at,ud1_0.video_id fetch first ? rows only"
read -r mid_at mid_id < <(psql_db -tA -F ' ' -c "SELECT upload_expires_at, id FROM video WHERE title = 'bench stale' ORDER BY upload_expires_at, id OFFSET $((stale / 2)) LIMIT 1" | sed -E 's/ ([0-9])/T\1/')
explain_sql=$stale_sql
for value in "now() - interval '1 hour'" "'PREPARING'" "'$mid_at'" "'$mid_at'" "'$mid_at'" "'$mid_id'" "$batch"; do
    explain_sql=${explain_sql/\?/$value}
done
echo
echo "EXPLAIN (ANALYZE, BUFFERS) of the sweep's stale-batch query (a batch from the middle):"
psql_db -c "EXPLAIN (ANALYZE, BUFFERS) $explain_sql" | tee "$work/sweep-explain.txt"
grep -Eq "Index (Only )?Scan using ix_upload_deadline" "$work/sweep-explain.txt" \
    || { echo "FAILED: the stale-batch query does not walk ix_upload_deadline" >&2; exit 1; }

fingerprint="SELECT count(*) || ' ' || md5(string_agg(id || status || upload_status || version || updated_at, ',' ORDER BY id))
             FROM video WHERE title IS DISTINCT FROM 'bench stale'"
before=$(psql_db -tA -c "$fingerprint")
expired_before=$(psql_db -tA -c "SELECT count(*) FROM video WHERE status = 'EXPIRED'")

"$home/bin/jboss-cli.sh" --connect --controller="localhost:$((9990 + offset))" \
    --command="/subsystem=logging/logger=org.hibernate.SQL:add(level=DEBUG)" > /dev/null
admin=$(cd "$root" && java wildfly-config/dev/DevJwt.java bench-admin admin)
echo
echo "sweeping..."
start_ms=$(date +%s%3N)
result=$(curl -sf --max-time 3600 -X POST -H "Authorization: Bearer $admin" "$url/api/admin/expire-stale")
wall_ms=$(( $(date +%s%3N) - start_ms ))
"$home/bin/jboss-cli.sh" --connect --controller="localhost:$((9990 + offset))" \
    --command="/subsystem=logging/logger=org.hibernate.SQL:remove" > /dev/null

logged=$(grep -m1 -o 'select v[0-9]_0.id.* from upload_deadline .*expires_at>=?.*' "$work/sweep-server/log/server.log")
logged=${logged%"${logged##*[![:space:]]}"}
[[ $logged == "$stale_sql" ]] \
    || { echo "FAILED: Hibernate's stale-batch SQL differs from the one explained:"$'\n'"$logged" >&2; exit 1; }
updates=$(grep -Ec 'update video (v1_0 )?set status'  "$work/sweep-server/log/server.log" || true)

after=$(psql_db -tA -c "$fingerprint")
newly=$(psql_db -tA -c "SELECT count(*) FROM video WHERE title = 'bench stale' AND status = 'EXPIRED'
                         AND upload_status = 'timed_out' AND version = 1")
expired_after=$(psql_db -tA -c "SELECT count(*) FROM video WHERE status = 'EXPIRED'")
sim=$(curl -sf "http://127.0.0.1:$mux_port/_stats")
sleep 2 # PostgreSQL publishes table statistics within a second
hot=$(psql_db -tA -c "SELECT n_tup_hot_upd || ' of ' || n_tup_upd FROM pg_stat_user_tables WHERE relname = 'video'")
deadlines=$(psql_db -tA -c "SELECT count(*) FROM upload_deadline d JOIN video v ON v.id = d.video_id WHERE v.status = 'PREPARING'")
orphans=$(psql_db -tA -c "SELECT count(*) FROM upload_deadline d JOIN video v ON v.id = d.video_id WHERE v.status <> 'PREPARING'")

node -e '
const [r, wall, sim, updates] = [JSON.parse(process.argv[1]), +process.argv[2], JSON.parse(process.argv[3]), +process.argv[4]];
console.log(`sweep result: ${JSON.stringify(r)}`);
console.log(`total sweep time:        ${(r.totalMillis / 1000).toFixed(2)} s (admin call wall clock ${(wall / 1000).toFixed(2)} s)`);
console.log(`provider status lookups: ${(r.lookupMillis / 1000).toFixed(2)} s`);
console.log(`stale-batch reads:       ${(r.readMillis / 1000).toFixed(2)} s`);
console.log(`expiry (database):       ${(r.expiryMillis / 1000).toFixed(2)} s (${updates} bulk updates, one transaction each)`);
console.log(`reads + expiry:          ${((r.readMillis + r.expiryMillis) / 1000).toFixed(2)} s`);
console.log(`upload cancels:          ${(r.cancelMillis / 1000).toFixed(2)} s`);
console.log(`simulator served ${sim.lookups} GET upload (one per lookup, one per cancel) and ${sim.cancels} PUT cancel`);
console.log(`rows expired:            ${r.expired} of ${r.examined} examined`);
console.log(`video rows updated in place (HOT): ${process.argv[5]}`);
' "$result" "$wall_ms" "$sim" "$updates" "$hot"

ok=true
[[ $newly -eq $stale ]] || { echo "FAILED: $newly of $stale stale videos are expired (timed_out, version 1)" >&2; ok=false; }
[[ $((expired_after - expired_before)) -eq $stale ]] \
    || { echo "FAILED: $((expired_after - expired_before)) videos became expired, expected $stale" >&2; ok=false; }
[[ $before == "$after" ]] || { echo "FAILED: a video that was not stale changed" >&2; ok=false; }
[[ $orphans -eq 0 && $deadlines -eq $((total / 10)) ]] \
    || { echo "FAILED: upload deadlines: $deadlines of preparing videos (expected $((total / 10))), $orphans of others" >&2; ok=false; }
$ok || exit 1
echo "ok: exactly $stale stale videos expired (SQL), the other $((total - stale)) unchanged (fingerprint $before)"
