#!/usr/bin/env bash
# Deploys the EAR into the configured WildFly and runs it in the foreground (Ctrl-C stops).
set -euo pipefail
JBOSS_HOME=$1
EAR=$2
deployments="$JBOSS_HOME/standalone/deployments"
rm -f "$deployments"/yourbit-video.ear*
cp "$EAR" "$deployments/"
echo "Yourbit Video Service: open http://localhost:8080/ for the demo page (OpenAPI at /openapi, health at http://localhost:9990/health)"
exec "$JBOSS_HOME/bin/standalone.sh"
