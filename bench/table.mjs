// The table of bench/run.sh: each row's rate, p50 and p99 and its ratio to the baseline
// measured just before it, with the goals met or not.
//   node table.mjs <results.tsv> <simulator-latency-ms>
import { readFileSync } from 'node:fs';

const [file, latencyArg = '50'] = process.argv.slice(2);
const latency = Number(latencyArg);
const rows = new Map();
for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
  const [name, ...rest] = line.split('\t');
  rows.set(name, rest);
}
const wrk = (name) => {
  const r = rows.get(name);
  return r && { rate: Number(r[0]), p50: Number(r[1]), p99: Number(r[2]), n: Number(r[3]), non2xx: Number(r[4]), errors: Number(r[5]) };
};
const json = (name) => (rows.has(name) ? JSON.parse(rows.get(name)[0]) : null);
const base = wrk('baseline-warm');
const verdict = (ok) => (ok ? 'met' : 'NOT met');
const out = [];
const line = (cells) => out.push(cells.map((c, i) => (i === 0 ? String(c).padEnd(28) : String(c).padStart(11))).join(' '));
line(['path', 'req/s', 'p50 ms', 'p99 ms', 'baseline', 'ratio', 'non-2xx', 'goal']);
const goals = [];
// Each row against the baseline measured just before it (run.sh's "baseline for <name>"), else the first.
function show(name, goal, check) {
  const r = wrk(name);
  if (!r) return;
  const b = wrk(`baseline for ${name}`) ?? base;
  const ratio = r.rate / b.rate;
  const ok = check ? check(r, ratio) : null;
  if (ok !== null) goals.push([`${name}: ${goal}`, ok]);
  line([name, r.rate.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), b.rate.toFixed(0), ratio.toFixed(2) + 'x',
    r.non2xx + r.errors, ok === null ? '' : verdict(ok)]);
}
show('baseline-warm');
show('baseline again');
show('webhook new', '>= 0.75x, p99 < 50 ms', (r, x) => x >= 0.75 && r.p99 < 50 && r.non2xx + r.errors === 0);
show('webhook duplicate', '>= 1x, p99 < 50 ms', (r, x) => x >= 1 && r.p99 < 50 && r.non2xx + r.errors === 0);
for (const provider of ['local', 'mux', 'cloudflare']) {
  for (const kind of ['playback', 'thumbnail', 'storyboard', 'download', 'animated']) {
    show(`${provider} ${kind}`, '>= 0.9x', (r, x) => x >= 0.9 && r.non2xx + r.errors === 0);
  }
}
out.push('');
for (const provider of ['mux', 'cloudflare']) {
  const c = json(`create ${provider}`);
  if (!c) continue;
  // Over the simulator's own p99 when it was measured (simulator-calls.mjs), else its setting.
  const own = json(`simulator ${provider}`);
  const over = own ? own.p99 : latency;
  const added = c.p99 - over;
  const simulator = own ? `simulator set to ${latency} ms, its own p99 ${own.p99.toFixed(1)} ms, ${own.stalled} stalled` : `simulator ${latency} ms`;
  out.push(`create ${provider} at 50/s (${simulator}): p50 ${c.p50.toFixed(1)} ms, p99 ${c.p99.toFixed(1)} ms, ` +
    `added p99 ${added.toFixed(1)} ms, statuses ${JSON.stringify(c.statuses)}: ${verdict(added < 5)}`);
  goals.push([`create ${provider}: < 5 ms p99 added`, added < 5 && Object.keys(c.statuses).every((s) => s === '201')]);
}
for (const db of ['h2', 'postgresql']) {
  const l = rows.get(`load ${db}`)?.[0];
  if (!l) continue;
  const m = l.match(/API: (\d+) req\/s, p50 ([\d.]+) ms, p99 ([\d.]+) ms; 5xx or transport errors: (\d+)/);
  if (!m) { out.push(`load ${db}: ${l}`); continue; }
  const ok = Number(m[1]) >= 2 * 484 && Number(m[3]) <= 300 && Number(m[4]) === 0;
  out.push(`200 mixed clients, ${db}: ${m[1]} req/s (${(Number(m[1]) / 484).toFixed(2)}x the 484 measured on another day; bench/load-before.sh compares on this machine), p50 ${m[2]} ms, p99 ${m[3]} ms, 5xx ${m[4]}: ${verdict(ok)}`);
  goals.push([`200 clients on ${db}: >= 968 req/s, p99 <= 300 ms`, ok]);
}
const ingest = json('ingest');
if (ingest) {
  const ratio = ingest.ours / ingest.tusNode;
  out.push(`tus ingest 1 GiB: this service ${ingest.ours.toFixed(0)} MB/s, @tus/server ${ingest.tusNode.toFixed(0)} MB/s (${ratio.toFixed(2)}x)` +
    (ingest.tusJava ? `, tus-java-server ${ingest.tusJava.toFixed(0)} MB/s (${(ingest.ours / ingest.tusJava).toFixed(2)}x)` : '') +
    (ingest.oursS3 ? `; this service on S3 (S3Proxy) ${ingest.oursS3.toFixed(0)} MB/s (${(ingest.oursS3 / ingest.ours).toFixed(2)}x its file system backend)` : '') +
    `; disk ${ingest.diskDirect ?? '?'} MB/s direct+dsync, ${ingest.diskBuffered ?? '?'} MB/s buffered+fdatasync: ${verdict(ratio >= 1.5)}`);
  goals.push(['ingest >= 1.5x @tus/server', ratio >= 1.5]);
}
out.push('');
out.push(`goals: ${goals.filter(([, ok]) => ok).length} of ${goals.length} met`);
for (const [goal, ok] of goals) if (!ok) out.push(`  NOT met: ${goal}`);
console.log(out.join('\n'));
