#!/usr/bin/env bash
# Applies this folder's jboss-cli scripts to an unpacked WildFly, offline (embed-server).
# Usage: configure.sh [--production] [--remote-broker] <JBOSS_HOME> <PostgreSQL JDBC driver jar>
# --production leaves out dev/dev.cli (the development JWT key and the demo page); the build's own
# server has it. --remote-broker puts the media job queue on a shared ActiveMQ Artemis broker
# named by VIDEO_BROKER_* at boot (remote-broker.cli) instead of the embedded one (several nodes).
# Idempotent: a stamp of the scripts is kept in the server; when a script changes, the
# pristine standalone.xml is restored first and everything is applied again.
# Produces standalone.xml (H2) and standalone-postgresql.xml (PostgreSQL from VIDEO_DB_*);
# bin/standalone.conf boots the latter when VIDEO_DB_URL is set, and always boots at the
# community stability level that metrics.cli's Prometheus registry needs.
set -euo pipefail
mode=development
broker=embedded
while [[ ${1:-} == --* ]]; do
    case $1 in
        --production) mode=production ;;
        --remote-broker) broker=remote ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
JBOSS_HOME=$(cd "${1:?usage: configure.sh [--production] [--remote-broker] <JBOSS_HOME> <postgresql driver jar>}" && pwd)
pg_driver=${2:?usage: configure.sh [--production] [--remote-broker] <JBOSS_HOME> <postgresql driver jar>}
here=$(cd "$(dirname "$0")" && pwd)
cfg="$JBOSS_HOME/standalone/configuration"
conf="$JBOSS_HOME/bin/standalone.conf"
stamp_file="$JBOSS_HOME/.yourbit-config-stamp"

# The PostgreSQL driver as a static module (cheap, so always brought in line with the jar given).
pg_module="$JBOSS_HOME/modules/org/postgresql/main"
mkdir -p "$pg_module"
find "$pg_module" -name '*.jar' ! -name "$(basename "$pg_driver")" -delete
cp -u "$pg_driver" "$pg_module/"
cat > "$pg_module/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by wildfly-config/configure.sh: the PostgreSQL JDBC driver for VideoDS. -->
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
    <resources>
        <resource-root path="$(basename "$pg_driver")"/>
    </resources>
    <dependencies>
        <module name="javax.api"/>
        <module name="jakarta.transaction.api"/>
    </dependencies>
</module>
XML

# Sourced by bin/standalone.sh: the stability level the configuration needs; the environment
# picks the database (-c still wins).
read -r -d '' conf_hook <<'SH' || true
# Yourbit Video (wildfly-config/configure.sh): Micrometer's Prometheus registry (metrics.cli)
# is a community-stability feature; without this the configuration does not boot.
JAVA_OPTS="$JAVA_OPTS -Djboss.stability=community"
# PostgreSQL when VIDEO_DB_URL is set.
if [ -n "${VIDEO_DB_URL:-}" ]; then
    JAVA_OPTS="$JAVA_OPTS -Djboss.server.default.config=standalone-postgresql.xml"
fi
SH

stamp=$( (echo "$mode $broker"; cat "$here"/*.cli "$here"/dev/*.cli "$here"/dev/jwt-public.pem "$here"/dev/jwt-private.pem; echo "$conf_hook") | sha256sum | cut -c1-32)
if [[ -f $stamp_file && $(cat "$stamp_file") == "$stamp" ]]; then
    echo "WildFly at $JBOSS_HOME is already configured"
    exit 0
fi
[[ -f $cfg/standalone.xml.dist ]] || cp "$cfg/standalone.xml" "$cfg/standalone.xml.dist"
cp "$cfg/standalone.xml.dist" "$cfg/standalone.xml"
rm -rf "$cfg/standalone_xml_history"
[[ -f $conf.dist ]] || cp "$conf" "$conf.dist"
{ cat "$conf.dist"; echo; echo "$conf_hook"; } > "$conf"

scripts=("$here/server.cli" "$here/messaging.cli" "$here/metrics.cli")
if [[ $mode == development ]]; then
    # Development only: trust the development JWT key (its public half, wildfly-config/dev), and
    # its private half for the demo page's tokens (dev.cli turns the demo on).
    cp "$here/dev/jwt-public.pem" "$cfg/yourbit-dev-jwt-public.pem"
    install -m 600 "$here/dev/jwt-private.pem" "$cfg/yourbit-dev-jwt-private.pem"
    scripts+=("$here/dev/dev.cli")
else
    rm -f "$cfg/yourbit-dev-jwt-public.pem" "$cfg/yourbit-dev-jwt-private.pem"
fi
if [[ $broker == remote ]]; then
    scripts+=("$here/remote-broker.cli")
fi
# One jboss-cli run for all of them (each script embeds and stops the server itself): a CLI
# JVM per script would double the time this takes.
combined=$(mktemp --suffix=.cli)
trap 'rm -f "$combined"' EXIT
cat "${scripts[@]}" > "$combined"
echo "Applying $(for script in "${scripts[@]}"; do basename "$script"; done | paste -sd ' ')"
JAVA_OPTS="-Xmx512m" "$JBOSS_HOME/bin/jboss-cli.sh" --file="$combined"

# The PostgreSQL variant: everything above, with VideoDS on PostgreSQL.
cp "$cfg/standalone.xml" "$cfg/standalone-postgresql.xml"
echo "Applying postgresql.cli"
JAVA_OPTS="-Xmx512m" "$JBOSS_HOME/bin/jboss-cli.sh" --file="$here/postgresql.cli"
rm -rf "$cfg/standalone_xml_history"
echo "$stamp" > "$stamp_file"
