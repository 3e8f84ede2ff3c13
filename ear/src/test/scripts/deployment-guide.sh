#!/usr/bin/env bash
# Follows docs/DEPLOYMENT.md step by step on a fresh, unconfigured WildFly 39 unpacked from
# the distribution zip: configure (production: no development JWT key), the environment
# (a JWT issuer and key of its own, as a web tier would have), start, deploy with jboss-cli.
# Then checks: the deployment is OK, /health/ready is UP, a video is created with a token of
# that issuer (and a development token is refused), the demo page and its token endpoint are 404,
# /metrics serves the application's meters, and a Cloudflare setting Cloudflare would refuse
# fails the deployment at start-up.
# Run by `mvn verify` (ear module, post-integration-test, on the integration tests' ports), or:
#
#   deployment-guide.sh <wildfly-dist.zip> <ear> <postgresql driver jar> <work-dir> <port-offset>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
zip=$1 ear=$2 driver=$3 work=$4 offset=$5
public_url=http://localhost:$((8080 + offset))
controller=localhost:$((9990 + offset))
management=http://$controller

fail() {
    echo "deployment guide test FAILED: $*" >&2
    exit 1
}

stop() {
    if [[ -f $work/server.pid ]]; then
        kill -TERM "$(cat "$work/server.pid")" 2>/dev/null || true
    fi
    wait "${server_script:-}" 2>/dev/null || true
}

rm -rf "$work"
mkdir -p "$work"
unzip -q "$zip" -d "$work"
jboss_home=$(echo "$work"/wildfly-*)
[[ -x $jboss_home/bin/standalone.sh ]] || fail "no WildFly unpacked from $zip"
started=$SECONDS

# Guide 1. Configure the server (once). The build has already run the guide's `mvn package`.
bash "$repo/wildfly-config/configure.sh" --production "$jboss_home" "$driver" > "$work/configure.log" 2>&1 \
    || { cat "$work/configure.log" >&2; fail "configure.sh failed"; }
grep -q 'yourbit-dev-jwt' "$jboss_home/standalone/configuration/standalone.xml" \
    && fail "--production applied the development JWT key"

# Guide 2. Environment, and 3. tokens: an issuer and RSA key pair of this test's own.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/issuer-private.pem" 2>/dev/null
openssl pkey -in "$work/issuer-private.pem" -pubout -out "$work/issuer-public.pem"
export MP_JWT_VERIFY_ISSUER=https://web.deployment-guide.test
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$work/issuer-public.pem
export MP_JWT_VERIFY_AUDIENCES=https://video.deployment-guide.test
export VIDEO_ACTION_MAP_LOCAL_PUBLIC_URL=$public_url
VIDEO_MEDIA_SIGNING_JWK=$(node -e '
    const { privateKey } = require("crypto").generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = { ...privateKey.export({ format: "jwk" }), kid: "deployment-guide" };
    process.stdout.write(Buffer.from(JSON.stringify(jwk)).toString("base64"));')
export VIDEO_MEDIA_SIGNING_JWK
unset VIDEO_DB_URL VIDEO_DB_USER VIDEO_DB_PASSWORD   # no PostgreSQL: the H2 file database

# The server as the operator starts it (bin/standalone.sh reads the standalone.conf configure.sh wrote).
LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE=$work/server.pid \
    "$jboss_home/bin/standalone.sh" -Djboss.socket.binding.port-offset="$offset" > "$work/console.log" 2>&1 &
server_script=$!
trap stop EXIT
for _ in $(seq 1 240); do
    curl -sf -o /dev/null "$management/health/live" && break
    kill -0 "$server_script" 2>/dev/null || { tail -30 "$work/console.log" >&2; fail "the server did not start"; }
    sleep 0.5
done

# Guide 5. Deploy.
"$jboss_home/bin/jboss-cli.sh" --connect --controller="$controller" --command="deploy $ear --force" \
    || fail "jboss-cli could not deploy $ear"
status=$("$jboss_home/bin/jboss-cli.sh" --connect --controller="$controller" \
    --command="/deployment=$(basename "$ear"):read-attribute(name=status)")
[[ $status == *'"result" => "OK"'* ]] || fail "deployment status: $status"

ready=$(curl -s "$management/health/ready")
[[ $ready == '{"status":"UP"'* ]] || fail "/health/ready: $ready"

# A token like the web tier's: RS256, iss and aud as configured, upn, groups [user]; first one
# for another audience, which is refused.
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
claims_for() {
    printf '{"iss":"%s","aud":"%s","sub":"guide-user","upn":"guide-user","groups":["user"],"iat":%d,"exp":%d}' \
        "$MP_JWT_VERIFY_ISSUER" "$1" "$now" $((now + 300)) | b64url
}
sign() { printf '%s.%s' "$header" "$1" | openssl dgst -sha256 -sign "$work/issuer-private.pem" | b64url; }
other_claims=$(claims_for yourbit-video)
other_audience=$header.$other_claims.$(sign "$other_claims")
refused=$(curl -s -o /dev/null -w '%{http_code}' "$public_url/api/videos" -H "Authorization: Bearer $other_audience")
[[ $refused == 401 ]] || fail "a token for another audience was answered $refused, not 401"
claims=$(claims_for "$MP_JWT_VERIFY_AUDIENCES")
token=$header.$claims.$(sign "$claims")

created=$(curl -s -w '\n%{http_code}' -X POST "$public_url/api/videos" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"title":"deployment guide"}')
[[ ${created##*$'\n'} == 201 ]] || fail "creating a video answered: $created"
[[ $created == *"\"url\":\"$public_url/uploads/"* ]] || fail "the upload URL does not start with $public_url: $created"

dev_token=$(cd "$repo" && java wildfly-config/dev/DevJwt.java guide-dev)
refused=$(curl -s -o /dev/null -w '%{http_code}' "$public_url/api/videos" -H "Authorization: Bearer $dev_token")
[[ $refused == 401 ]] || fail "a development token was answered $refused, not 401"

# Production has no demo page and no demo token endpoint (docs/DEMO.md): 404 for every method.
for call in "GET /" "GET /demo/demo.js" "POST /demo/token" "GET /demo/token" "OPTIONS /demo/token"; do
    answer=$(curl -s -o "$work/demo-answer" -w '%{http_code}' -X "${call%% *}" "$public_url${call#* }")
    [[ $answer == 404 ]] || fail "$call answered $answer in production, not 404: $(cat "$work/demo-answer")"
done
[[ ! -e $jboss_home/standalone/configuration/yourbit-dev-jwt-private.pem ]] \
    || fail "--production left the development private key in the server's configuration"

metrics=$(curl -s "$management/metrics")
grep -Eq '^yourbit_uploads_total\{.*provider="local".*\} 1(\.0)?$' <<< "$metrics" \
    || fail "/metrics lacks yourbit_uploads_total{provider=\"local\"} 1: $(grep yourbit_ <<< "$metrics" | head -5)"

# An operator's mistake is refused when the application starts, not when a viewer asks: six
# Cloudflare token access rules (Cloudflare takes five) fail the deployment, naming the key.
rule='{\"type\":\"ip.geoip.country\",\"action\":\"allow\",\"country\":[\"US\"]}'
printf '/system-property=video.action-map.cloudflare.access-rules:add(value="[%s,%s,%s,%s,%s,%s]")\n' \
    "$rule" "$rule" "$rule" "$rule" "$rule" "$rule" > "$work/six-rules.cli"
"$jboss_home/bin/jboss-cli.sh" --connect --controller="$controller" --file="$work/six-rules.cli" > /dev/null \
    || fail "could not set the access rules property"
refusal=$("$jboss_home/bin/jboss-cli.sh" --connect --controller="$controller" --command="deploy $ear --force" 2>&1) \
    && fail "six access rules were deployed: $refusal"
grep -q 'access-rules has 6 rules; Cloudflare takes at most 5' "$jboss_home/standalone/log/server.log" \
    || fail "the refused deployment did not name the key and the limit: $refusal"
"$jboss_home/bin/jboss-cli.sh" --connect --controller="$controller" \
    --command="/system-property=video.action-map.cloudflare.access-rules:remove" > /dev/null
"$jboss_home/bin/jboss-cli.sh" --connect --controller="$controller" --command="deploy $ear --force" > /dev/null \
    || fail "the deployment failed again once the access rules were removed"

echo "deployment guide test passed in $((SECONDS - started)) s after unpacking: configured, deployed, ready, a video created, metrics served"
stop
trap - EXIT
rm -rf "$work"
