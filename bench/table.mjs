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
  return r && { rate: Number(r[0]), p50: Number(r[1]), p99: Number(r[2]), n: Number(r[3]), non2xx: Number(r[4]), errors: Number(r[5]),
    cpuMs: r[6] === undefined ? null : Number(r[6]), busy: r[7] === undefined ? null : Number(r[7]),
    jit: r[8] === undefined ? null : Number(r[8]) };
};
const json = (name) => (rows.has(name) ? JSON.parse(rows.get(name)[0]) : null);
const base = wrk('baseline-warm');
const verdict = (ok) => (ok ? 'met' : 'NOT met');
const out = [];
const line = (cells) => out.push(cells.map((c, i) => (i === 0 ? String(c).padEnd(28) : String(c).padStart(11))).join(' '));
line(['path', 'req/s', 'p50 ms', 'p99 ms', 'baseline', 'ratio', 'non-2xx', 'CPU ms/req', 'busy', 'goal']);
const goals = [];
// For a goal not met, the measured reason, printed under the goals.
const reasons = new Map();
// Each row against the baseline measured just before it (run.sh's "baseline for <name>"), else the first.
function show(name, goal, check) {
  const r = wrk(name);
  if (!r) return;
  const b = wrk(`baseline for ${name}`) ?? base;
  const ratio = r.rate / b.rate;
  const ok = check ? check(r, ratio) : null;
  if (ok !== null) goals.push([`${name}: ${goal}`, ok]);
  if (ok === false) reasons.set(`${name}: ${goal}`, cpuReason(name, r, b, ratio));
  line([name, r.rate.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), b.rate.toFixed(0), ratio.toFixed(2) + 'x',
    r.non2xx + r.errors, r.cpuMs === null ? '?' : r.cpuMs.toFixed(2), r.busy === null ? '?' : r.busy.toFixed(0) + '%',
    ok === null ? '' : verdict(ok)]);
}

// A row slower than its baseline on a machine whose cores were all busy: its rate follows the
// server's CPU per request, and the profile (run.sh's "profile" rows) says which part costs more.
function cpuReason(name, r, b, ratio) {
  if (r.non2xx + r.errors > 0) return [`${r.non2xx + r.errors} answers were not 2xx`];
  if (r.cpuMs === null || b.cpuMs === null) return ['no CPU figures in this run'];
  const lines = [];
  if (r.p99 >= 50) {
    lines.push(`p99 ${r.p99.toFixed(1)} ms; its baseline's own p99 was ${b.p99.toFixed(1)} ms` +
      (b.p99 >= 50 ? ': at this machine\'s speed now the plain GET misses 50 ms too' : ''));
  }
  lines.push(`the machine was ${r.busy.toFixed(0)}% busy (its baseline ${b.busy.toFixed(0)}%); the server spent ` +
    `${r.cpuMs.toFixed(2)} ms of CPU per request here and ${b.cpuMs.toFixed(2)} ms per baseline request: ` +
    `at equal CPU the ratio would be ${(b.cpuMs / r.cpuMs).toFixed(2)}x (measured ${ratio.toFixed(2)}x)` +
    (r.jit === null ? '' : `; the JIT compilers' time was ${r.jit.toFixed(1)}% of the server's CPU in the row (${(b.jit ?? 0).toFixed(1)}% in its baseline's)`));
  const mine = profile(name);
  const theirs = profile('baseline');
  if (!mine || !theirs) return lines.concat(partLines(null));
  // The profiled runs come after the measured ones: a row that cost no more than the baseline
  // there missed by what the machine did during its own measurement, not by its code.
  lines.push(`profiled again, it cost ${mine.cpuMs.toFixed(2)} ms of CPU per request and the baseline ${theirs.cpuMs.toFixed(2)} ms ` +
    `(${(theirs.cpuMs / mine.cpuMs).toFixed(2)}x at equal CPU)`);
  return lines.concat(partLines(mine, theirs));
}

// A profile's CPU per request by part, in ms, beside the baseline's when one is given.
function partLines(mine, theirs = null) {
  if (!mine) return ['no profile in this run (run.sh fetches async-profiler from Maven Central)'];
  const lines = [theirs
    ? `CPU per request by part, profiled (${mine.samples} and ${theirs.samples} samples), this row vs the baseline, ms:`
    : `CPU per request by part, profiled in a run of its own (${mine.samples} samples), ms:`];
  for (const part of Object.keys(mine.shares)) {
    const a = mine.shares[part] * mine.cpuMs;
    const c = theirs ? (theirs.shares[part] ?? 0) * theirs.cpuMs : 0;
    if (a < 0.005 && c < 0.005) continue;
    lines.push(`  ${part.padEnd(50)} ${a.toFixed(3).padStart(7)}` + (theirs
      ? ` ${c.toFixed(3).padStart(7)}  (${a >= c ? '+' : ''}${(a - c).toFixed(3)})` : ''));
  }
  return lines;
}

function profile(name) {
  const r = rows.get(`profile ${name}`);
  if (!r) return null;
  const { samples, shares } = JSON.parse(r[0]);
  return { samples, shares, cpuMs: Number(r[1]) };
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
  const created = Object.keys(c.statuses).every((s) => s === '201');
  goals.push([`create ${provider}: < 5 ms p99 added`, added < 5 && created]);
  if (!(added < 5 && created)) {
    const pauses = json(`pauses ${provider}`);
    reasons.set(`create ${provider}: < 5 ms p99 added`, !created ? [`answers other than 201: ${JSON.stringify(c.statuses)}`]
      : pauses ? [`the p50 added ${own ? (c.p50 - own.p50).toFixed(1) : '?'} ms over the simulator's own p50; of the ${pauses.slowest} slowest ` +
        `creations (the 1% over the p99), ${pauses.inPause} were in flight during one of the server's ${pauses.pauses} ` +
        `collector pauses in the row (longest ${pauses.longestMs.toFixed(1)} ms)`]
      : ['no collector log in this run']);
    const calls = json(`calls ${provider}`);
    if (calls?.count && created && Number.isFinite(c.mean)) {
      reasons.get(`create ${provider}: < 5 ms p99 added`).push(`as the service timed them, its calls to the simulator took ` +
        `${calls.meanMs.toFixed(1)} ms on average (${calls.count} calls) and the creations ${c.mean.toFixed(1)} ms as the client ` +
        `timed them: the service's own part was ${(c.mean - calls.meanMs).toFixed(1)} ms on average`);
    }
    const cpu = json(`cpu ${provider}`);
    if (cpu && created) {
      reasons.get(`create ${provider}: < 5 ms p99 added`).push(`the server spent ${cpu.msPerCreation.toFixed(2)} ms of CPU ` +
        `per creation in the row, and the machine was ${cpu.busy.toFixed(0)}% busy (client, simulators and server share its cores)` +
        (cpu.jit === undefined ? '' : `; the JIT compilers' time was ${cpu.jit.toFixed(1)}% of the server's CPU`));
    }
  }
}
for (const db of ['h2', 'postgresql']) {
  const l = rows.get(`load ${db}`)?.[0];
  if (!l) continue;
  const m = l.match(/API: (\d+) req\/s, p50 ([\d.]+) ms, p99 ([\d.]+) ms; 5xx or transport errors: (\d+)/);
  if (!m) { out.push(`load ${db}: ${l}`); continue; }
  const ok = Number(m[1]) >= 2 * 484 && Number(m[3]) <= 300 && Number(m[4]) === 0;
  out.push(`200 mixed clients, ${db}: ${m[1]} req/s (${(Number(m[1]) / 484).toFixed(2)}x the 484 measured on another day; bench/load-before.sh compares on this machine), p50 ${m[2]} ms, p99 ${m[3]} ms, 5xx ${m[4]}: ${verdict(ok)}`);
  const goal = `200 clients on ${db}: >= 968 req/s, p99 <= 300 ms`;
  goals.push([goal, ok]);
  if (!ok) reasons.set(goal, loadReason(db, Number(m[1]), Number(m[4])));
}

// A mixed load below its goal: the closed loop's arithmetic, each call's tail, the server's CPU
// per request and where it goes (the profiled run beside the recorded one).
function loadReason(db, rate, bad) {
  const lines = [];
  if (bad > 0) lines.push(`${bad} answers were 5xx or transport errors`);
  const load = json(`load calls ${db}`);
  if (load) {
    const clients = load.clients;
    lines.push(`${clients} clients in a closed loop at ${rate} req/s wait ${(1000 * clients / rate).toFixed(0)} ms per request ` +
      `on average (clients / rate): a p99 under 300 ms needs a mean well below it, so well over ${(clients / 0.3).toFixed(0)} req/s`);
    lines.push('each call: ' + Object.entries(load.calls).map(([call, c]) => `${call} ${c.n} p50 ${c.p50} p99 ${c.p99} ms` +
      Object.entries(c.statuses).filter(([s]) => !s.startsWith('2')).map(([s, n]) => ` (${n} answered ${s})`).join('')).join('; '));
  }
  const cpu = json(`cpu load ${db}`);
  if (cpu?.msPerRequest > 0) {
    lines.push(`the server spent ${cpu.msPerRequest.toFixed(2)} ms of CPU per request and the machine was ${cpu.busy.toFixed(0)}% busy ` +
      `(the clients share its cores): with both cores to itself the server would serve at most ${(2000 / cpu.msPerRequest).toFixed(0)} req/s` +
      (cpu.jit === undefined ? '' : `; the JIT compilers' time was ${cpu.jit.toFixed(1)}% of its CPU`));
  }
  return lines.concat(partLines(profile(`load ${db}`)));
}
const ingest = json('ingest');
if (ingest) {
  const ratio = ingest.ours / ingest.tusNode;
  if (ratio < 1.5) {
    const target = 1.5 * ingest.tusNode;
    const why = [];
    if (ingest.diskDirect !== null && ingest.diskDirect < 1000) {
      why.push(`the disk wrote ${ingest.diskDirect} MB/s durably, below the 1 GB/s the goal is stated for`);
    }
    if (ingest.clientCeiling) {
      why.push(target > ingest.clientCeiling
        ? `1.5x @tus/server is ${target.toFixed(0)} MB/s, above the ${ingest.clientCeiling.toFixed(0)} MB/s this client sends to a server ` +
          `that keeps no byte: no server can show the goal with this client on this machine (this service reached ` +
          `${(100 * ingest.ours / ingest.clientCeiling).toFixed(0)}% of that ceiling)`
        : `this service reached ${ingest.ours.toFixed(0)} MB/s of the ${ingest.clientCeiling.toFixed(0)} MB/s the client sends to a ` +
          `server that keeps no byte; 1.5x @tus/server is ${target.toFixed(0)} MB/s`);
    }
    reasons.set('ingest >= 1.5x @tus/server', why.length ? why : ['no client ceiling in this run']);
  }
  out.push(`tus ingest 1 GiB: this service ${ingest.ours.toFixed(0)} MB/s, @tus/server ${ingest.tusNode.toFixed(0)} MB/s (${ratio.toFixed(2)}x)` +
    (ingest.clientCeiling ? `, the client to a server keeping nothing ${ingest.clientCeiling.toFixed(0)} MB/s` : '') +
    (ingest.tusJava ? `, tus-java-server ${ingest.tusJava.toFixed(0)} MB/s (${(ingest.ours / ingest.tusJava).toFixed(2)}x)` : '') +
    (ingest.oursS3 ? `; this service on S3 (S3Proxy) ${ingest.oursS3.toFixed(0)} MB/s (${(ingest.oursS3 / ingest.ours).toFixed(2)}x its file system backend)` : '') +
    `; disk ${ingest.diskDirect ?? '?'} MB/s direct+dsync, ${ingest.diskBuffered ?? '?'} MB/s buffered+fdatasync: ${verdict(ratio >= 1.5)}`);
  goals.push(['ingest >= 1.5x @tus/server', ratio >= 1.5]);
}
out.push('');
out.push(`goals: ${goals.filter(([, ok]) => ok).length} of ${goals.length} met`);
for (const [goal, ok] of goals) {
  if (ok) continue;
  out.push(`  NOT met: ${goal}`);
  for (const reason of reasons.get(goal) ?? []) out.push(`    ${reason}`);
}
console.log(out.join('\n'));
