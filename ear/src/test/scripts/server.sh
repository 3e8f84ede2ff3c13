# Functions to run the packaged service outside Arquillian (sourced by the kill -9 test and
# the benchmark): a fresh base directory, one EAR, a port offset; the JVM's pid is known so
# that exactly this server is stopped or killed.
#
#   start_server <wildfly-home> <ear> <base-dir> <port-offset> <public-url> [extra JVM args...]
#   stop_server | kill9_server

start_server() {
    local home=$1 ear=$2 base=$3 offset=$4 url=$5
    shift 5
    SERVER_BASE=$base
    SERVER_URL=$url
    SERVER_MGMT="http://localhost:$((9990 + offset))"
    if [[ ! -d $base/configuration ]]; then
        bash "$(dirname "${BASH_SOURCE[0]}")/../../../../wildfly-config/fresh-base.sh" "$home" "$base"
        cp "$ear" "$base/deployments/"
    fi
    rm -f "$base/deployments/"*.failed "$base/deployments/"*.deployed
    SERVER_PIDFILE=$base/server.pid
    rm -f "$SERVER_PIDFILE"
    LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE=$SERVER_PIDFILE JAVA_OPTS="-Xmx1g ${SERVER_JAVA_OPTS:-}" \
        "$home/bin/standalone.sh" -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset="$offset" \
        -Dvideo.action-map.local.public-url="$url" "$@" > "$base/console.log" 2>&1 &
    SERVER_SCRIPT_PID=$!
    for _ in $(seq 1 360); do
        if [[ -f $base/deployments/yourbit-video.ear.deployed ]] \
           && curl -sf -o /dev/null "$SERVER_MGMT/health/ready"; then
            SERVER_PID=$(cat "$SERVER_PIDFILE")
            return 0
        fi
        if [[ -f $base/deployments/yourbit-video.ear.failed ]] || ! kill -0 "$SERVER_SCRIPT_PID" 2>/dev/null; then
            break
        fi
        sleep 0.5
    done
    echo "the server did not start; see $base/console.log and $base/log/server.log" >&2
    stop_server
    return 1
}

# A fresh, empty PostgreSQL database $1 on 127.0.0.1:5432 (trust auth), and the VIDEO_DB_*
# variables standalone-postgresql.xml reads pointed at it; start_server with
# "-c standalone-postgresql.xml" then uses it.
use_fresh_postgresql() {
    dropdb -h 127.0.0.1 -U postgres --if-exists "$1"
    createdb -h 127.0.0.1 -U postgres "$1"
    export VIDEO_DB_URL=jdbc:postgresql://127.0.0.1:5432/$1 VIDEO_DB_USER=postgres VIDEO_DB_PASSWORD=postgres
}

stop_server() {
    if [[ -f ${SERVER_PIDFILE:-} ]]; then
        kill -TERM "$(cat "$SERVER_PIDFILE")" 2>/dev/null || true
    fi
    wait "${SERVER_SCRIPT_PID:-}" 2>/dev/null || true
}

kill9_server() {
    kill -9 "$SERVER_PID"
    wait "$SERVER_SCRIPT_PID" 2>/dev/null || true
}

# A development JWT for user $1 (the dev key the configured server trusts).
dev_jwt() {
    # DevJwt reads its key relative to the repository root.
    (cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && java wildfly-config/dev/DevJwt.java "$1")
}

# Creates a local video and prints its upload URL.
create_local_video() {
    local jwt=$1
    curl -sf -X POST "$SERVER_URL/api/videos" -H "Authorization: Bearer $jwt" -H 'Content-Type: application/json' \
        -d '{"title":"scripted","provider":"local"}' \
        | node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>console.log(JSON.parse(d).upload.url))'
}
