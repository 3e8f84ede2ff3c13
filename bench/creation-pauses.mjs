// Whether the slowest creations of a row waited on the server's collector: reads the row's
// creations (creations.mjs with CREATIONS_DUMP) and the server's GC log (-Xlog:gc with the
// timemillis decorator) and prints one JSON line: the collector's pauses during the row, the
// longest, and how many of the slowest 1% of the creations were in flight during one.
//   node creation-pauses.mjs <creations-dump> <gc-log> <provider>
import { readFileSync } from 'node:fs';

const [dumpFile, gcFile, provider] = process.argv.slice(2);
const creations = readFileSync(dumpFile, 'utf8').split('\n')
  .map((line) => line.split(' '))
  .filter(([p]) => p === provider)
  .map(([, at, ms]) => ({ from: Number(at), to: Number(at) + Number(ms), ms: Number(ms) }));
if (!creations.length) throw new Error(`no ${provider} creations in ${dumpFile}`);
const start = Math.min(...creations.map((c) => c.from));
const end = Math.max(...creations.map((c) => c.to));
// "[1764575400123ms] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->20M(1024M) 13.456ms": logged as it ends.
const pauses = [];
for (const line of readFileSync(gcFile, 'utf8').split('\n')) {
  const m = line.match(/^\[(\d+)ms\].* Pause .* ([\d.]+)ms$/);
  if (!m) continue;
  const to = Number(m[1]);
  const ms = Number(m[2]);
  if (to >= start && to - ms <= end) pauses.push({ from: to - ms, to, ms });
}
const slowest = [...creations].sort((a, b) => b.ms - a.ms).slice(0, Math.max(1, Math.ceil(creations.length / 100)));
const inPause = slowest.filter((c) => pauses.some((p) => p.from < c.to && c.from < p.to)).length;
console.log(JSON.stringify({ slowest: slowest.length, inPause, pauses: pauses.length,
  longestMs: pauses.reduce((m, p) => Math.max(m, p.ms), 0) }));
