#!/usr/bin/env bash
# Applies this folder's jboss-cli scripts to an unpacked WildFly, offline (embed-server).
# Idempotent: a stamp of the scripts is kept in the server; when a script changes, the
# pristine standalone.xml is restored first and everything is applied again.
set -euo pipefail
JBOSS_HOME=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
cfg="$JBOSS_HOME/standalone/configuration"
stamp_file="$JBOSS_HOME/.yourbit-config-stamp"
stamp=$(cat "$here"/*.cli "$here"/dev/*.cli "$here"/dev/jwt-public.pem | sha256sum | cut -c1-32)

if [[ -f $stamp_file && $(cat "$stamp_file") == "$stamp" ]]; then
    echo "WildFly at $JBOSS_HOME is already configured"
    exit 0
fi
[[ -f $cfg/standalone.xml.dist ]] || cp "$cfg/standalone.xml" "$cfg/standalone.xml.dist"
cp "$cfg/standalone.xml.dist" "$cfg/standalone.xml"
rm -rf "$cfg/standalone_xml_history"

# Development-only: the public half of the development JWT key (wildfly-config/dev).
cp "$here/dev/jwt-public.pem" "$cfg/yourbit-dev-jwt-public.pem"

for script in "$here/server.cli" "$here/dev/dev.cli"; do
    echo "Applying $(basename "$script")"
    JAVA_OPTS="-Xmx512m" "$JBOSS_HOME/bin/jboss-cli.sh" --file="$script"
done
echo "$stamp" > "$stamp_file"
