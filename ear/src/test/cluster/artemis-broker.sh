#!/usr/bin/env bash
# The shared ActiveMQ Artemis broker of the cluster test, from the distribution zip (Maven
# Central, org.apache.activemq:apache-artemis:<version>:zip:bin): a broker instance created
# in <work dir> with the settings docs/DEPLOYMENT.md gives for the media job queue, started in
# the background; prints its pid. The caller stops it (kill <pid>).
#   artemis-broker.sh <artemis zip> <work dir> <port> <user> <password>
set -euo pipefail
zip=$1 work=$2 port=$3 user=$4 password=$5
rm -rf "$work"
mkdir -p "$work"
unzip -q "$zip" -d "$work/dist"
home=$(echo "$work"/dist/apache-artemis-*)
"$home/bin/artemis" create --silent --force --user "$user" --password "$password" --require-login --no-web --nio \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor --no-autotune \
    --host 127.0.0.1 --default-port "$port" "$work/broker" > "$work/create.log"
broker_xml=$work/broker/etc/broker.xml
# The media job queue's redelivery and dead letters (as wildfly-config/messaging.cli sets them for
# the embedded broker), and delivery counts that survive a broker restart.
python3 - "$broker_xml" <<'PY'
import sys
path = sys.argv[1]
xml = open(path).read()
xml = xml.replace("<address-settings>", """<address-settings>
         <address-setting match="jms.queue.VideoMediaJobs">
            <dead-letter-address>DLQ</dead-letter-address>
            <redelivery-delay>5000</redelivery-delay>
            <max-delivery-attempts>6</max-delivery-attempts>
         </address-setting>""", 1)
xml = xml.replace("<persistence-enabled>", "<persist-delivery-count-before-delivery>true</persist-delivery-count-before-delivery>\n      <persistence-enabled>", 1)
open(path, "w").write(xml)
PY
"$work/broker/bin/artemis" run > "$work/broker.log" 2>&1 &
pid=$!
for _ in $(seq 240); do
    if grep -q "AMQ221007" "$work/broker.log"; then  # Server is now live
        echo "$pid"
        exit 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
done
echo "the Artemis broker did not start: $(tail -20 "$work/broker.log")" >&2
kill "$pid" 2>/dev/null || true
exit 1
