// Prints `export NAME='value'` for the test-only provider secrets the integration tests hand
// the server (failsafe's <environmentVariables> in ear/pom.xml, ${…} resolved from its
// <properties>), so that bench/run.sh configures its server and simulators the same way.
//
//   eval "$(node test-env.mjs ear/pom.xml)"
import { readFileSync } from 'node:fs';

const pom = readFileSync(process.argv[2], 'utf8');
const properties = {};
for (const [, name, value] of pom.match(/<properties>([\s\S]*?)<\/properties>/)[1].matchAll(/<([\w.-]+)>([^<]*)<\/\1>/g)) {
  properties[name] = value;
}
const block = pom.match(/<environmentVariables>([\s\S]*?)<\/environmentVariables>/)[1];
for (const [, name, raw] of block.matchAll(/<([A-Z][A-Z0-9_]*)>([^<]*)<\/\1>/g)) {
  const value = raw.replace(/\$\{([\w.-]+)\}/g, (_, p) => properties[p] ?? '');
  if (name !== 'VIDEO_NOTIFY_SECRET') console.log(`export ${name}='${value}'`);
}
