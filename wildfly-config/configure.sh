#!/usr/bin/env bash
# Applies this folder's jboss-cli scripts to an unpacked WildFly, offline (embed-server).
# Usage: configure.sh <JBOSS_HOME> <PostgreSQL JDBC driver jar>
# Idempotent: a stamp of the scripts is kept in the server; when a script changes, the
# pristine standalone.xml is restored first and everything is applied again.
# Produces standalone.xml (H2) and standalone-postgresql.xml (PostgreSQL from VIDEO_DB_*);
# bin/standalone.conf boots the latter when VIDEO_DB_URL is set.
set -euo pipefail
JBOSS_HOME=$(cd "$1" && pwd)
pg_driver=${2:?usage: configure.sh <JBOSS_HOME> <postgresql driver jar>}
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

# Sourced by bin/standalone.sh: the environment picks the database (-c still wins).
read -r -d '' conf_hook <<'SH' || true
# Yourbit Video (wildfly-config/configure.sh): PostgreSQL when VIDEO_DB_URL is set.
if [ -n "${VIDEO_DB_URL:-}" ]; then
    JAVA_OPTS="$JAVA_OPTS -Djboss.server.default.config=standalone-postgresql.xml"
fi
SH

stamp=$( (cat "$here"/*.cli "$here"/dev/*.cli "$here"/dev/jwt-public.pem; echo "$conf_hook") | sha256sum | cut -c1-32)
if [[ -f $stamp_file && $(cat "$stamp_file") == "$stamp" ]]; then
    echo "WildFly at $JBOSS_HOME is already configured"
    exit 0
fi
[[ -f $cfg/standalone.xml.dist ]] || cp "$cfg/standalone.xml" "$cfg/standalone.xml.dist"
cp "$cfg/standalone.xml.dist" "$cfg/standalone.xml"
rm -rf "$cfg/standalone_xml_history"
[[ -f $conf.dist ]] || cp "$conf" "$conf.dist"
{ cat "$conf.dist"; echo; echo "$conf_hook"; } > "$conf"

# Development-only: the public half of the development JWT key (wildfly-config/dev).
cp "$here/dev/jwt-public.pem" "$cfg/yourbit-dev-jwt-public.pem"

for script in "$here/server.cli" "$here/dev/dev.cli"; do
    echo "Applying $(basename "$script")"
    JAVA_OPTS="-Xmx512m" "$JBOSS_HOME/bin/jboss-cli.sh" --file="$script"
done

# The PostgreSQL variant: everything above, with VideoDS on PostgreSQL.
cp "$cfg/standalone.xml" "$cfg/standalone-postgresql.xml"
echo "Applying postgresql.cli"
JAVA_OPTS="-Xmx512m" "$JBOSS_HOME/bin/jboss-cli.sh" --file="$here/postgresql.cli"
rm -rf "$cfg/standalone_xml_history"
echo "$stamp" > "$stamp_file"
