#!/usr/bin/env bash
# The ports and names of one test run, all from its port offset (docs/TESTING.md), printed as
# properties: ear/pom.xml loads them at the start of the build, so that -Dit.port.offset=N
# alone moves everything; a property given on the command line still wins over its line here.
# Every build owns the offsets N to N+99: builds whose offsets differ by 100 never share a port.
#
#   it-ports.sh <port-offset>
set -euo pipefail
offset=${1:?usage: it-ports.sh <port-offset>}
[[ $offset =~ ^[0-9]+$ ]] || { echo "it.port.offset must be a number, not '$offset'" >&2; exit 1; }
cat <<PROPERTIES
it.base-url=http://localhost:$((8080 + offset))
it.management.port=$((9990 + offset))
it.mux.port=$((18081 + offset))
it.cloudflare.port=$((18082 + offset))
it.notify.port=$((18083 + offset))
it.origin.port=$((18084 + offset))
it.s3.port=$((18085 + offset))
it.cluster.node1.offset=$((offset + 10))
it.cluster.node2.offset=$((offset + 20))
PROPERTIES
