#!/usr/bin/env bash
# An S3-compatible server for the tests: S3Proxy (org.gaul:s3proxy, from Maven Central) over a
# directory, with AWS signature v2/v4 checked against one test-only key pair. The jclouds
# "filesystem" store, not "filesystem-nio2": the latter leaves the temporary file of a PUT cut
# off by a server stop in the bucket, and every LIST of that prefix then answers 500. The bucket is a
# directory of the store, made before the server starts, as an operator makes one beforehand.
#
#   s3-server.sh start <s3proxy jar> <work dir> <port> <bucket>   (access key and secret: env S3_ACCESS_KEY, S3_SECRET_KEY)
#   s3-server.sh stop <work dir>
set -euo pipefail
command=${1:?usage: s3-server.sh start|stop ...}
case "$command" in
start)
    jar=${2:?jar} dir=${3:?work dir} port=${4:?port} bucket=${5:?bucket}
    : "${S3_ACCESS_KEY:?S3_ACCESS_KEY}" "${S3_SECRET_KEY:?S3_SECRET_KEY}"
    "$0" stop "$dir"
    rm -rf "$dir/data"
    mkdir -p "$dir/data/$bucket"
    umask 077
    cat > "$dir/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem
jclouds.identity=unused
jclouds.credential=unused
jclouds.filesystem.basedir=$dir/data
CONF
    nohup java -Xmx512m -jar "$jar" --properties "$dir/s3proxy.conf" > "$dir/s3proxy.log" 2>&1 &
    echo $! > "$dir/s3proxy.pid"
    for _ in $(seq 120); do
        # Any HTTP answer (403 without a signature) means it listens.
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)
        [[ $code != 000 ]] && { echo "S3 server on 127.0.0.1:$port (bucket $bucket, data in $dir/data)"; exit 0; }
        kill -0 "$(cat "$dir/s3proxy.pid")" 2>/dev/null || { tail -20 "$dir/s3proxy.log" >&2; exit 1; }
        sleep 0.5
    done
    echo "S3 server did not start on port $port" >&2
    tail -20 "$dir/s3proxy.log" >&2
    exit 1
    ;;
stop)
    dir=${2:?work dir}
    if [[ -f $dir/s3proxy.pid ]]; then
        pid=$(cat "$dir/s3proxy.pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$dir/s3proxy.pid"
    fi
    ;;
*)
    echo "usage: s3-server.sh start|stop ..." >&2
    exit 2
    ;;
esac
