#!/usr/bin/env bash
# Makes a fresh server base directory (configuration copied, no data, nothing deployed)
# so integration tests never see a developer's database or deployments.
set -euo pipefail
JBOSS_HOME=$1
BASE=$2
rm -rf "$BASE"
mkdir -p "$BASE/deployments" "$BASE/data" "$BASE/log"
cp -r "$JBOSS_HOME/standalone/configuration" "$BASE/"
rm -rf "$BASE/configuration/standalone_xml_history"
