// Provider calls under a steady rate, for bench/run.sh: POST /api/videos with a provider at
// <rate> per second for <seconds>, each a new video; prints one JSON line with the count, the
// p50/p99 and mean latency in ms and every status seen. The provider simulator answers after a fixed
// latency, so what this service adds is the latency minus that.
//
//   node creations.mjs <base-url> <provider> <rate> <seconds>
//
// CREATIONS_DUMP=<file> also appends a line per creation, "<provider> <sent at, epoch ms>
// <latency ms>", to set the slow ones beside a GC log (-Xlog:gc:file=...:time) of the server.
import { appendFileSync, readFileSync } from 'node:fs';
import { createSign, randomUUID } from 'node:crypto';
import http from 'node:http';

const [base, provider, rateArg = '50', secondsArg = '10'] = process.argv.slice(2);
const key = readFileSync(new URL('../wildfly-config/dev/jwt-private.pem', import.meta.url), 'utf8');
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
// A user of its own per creation: the per-user limits stay as configured and never answer 429.
function token() {
  const now = Math.floor(Date.now() / 1000);
  const user = `bench-${randomUUID()}`;
  const input = b64({ alg: 'RS256', typ: 'JWT', kid: 'yourbit-dev' }) + '.' + b64({
    iss: 'https://dev.yourbit.local', aud: 'yourbit-video', sub: user, upn: user,
    groups: ['user'], iat: now, exp: now + 3600, jti: randomUUID(),
  });
  return input + '.' + createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
}
const url = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function create() {
  return new Promise((resolve) => {
    const body = JSON.stringify({ title: 'bench', provider });
    const auth = `Bearer ${token()}`;
    const at = Date.now();
    const started = process.hrtime.bigint();
    const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/api/videos', agent,
      headers: { Authorization: auth, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
    (res) => { res.resume(); res.on('end', () => resolve({ status: res.statusCode, at, ms: Number(process.hrtime.bigint() - started) / 1e6 })); });
    req.on('error', (e) => resolve({ status: 0, error: e.message, at, ms: 0 }));
    req.end(body);
  });
}

const rate = Number(rateArg);
const total = rate * Number(secondsArg);
const answers = [];
const started = Date.now();
for (let i = 0; i < total; i++) {
  const due = started + (i * 1000) / rate;
  const wait = due - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  answers.push(create());
}
const done = await Promise.all(answers);
const ms = done.filter((a) => a.status === 201).map((a) => a.ms).sort((a, b) => a - b);
const pct = (p) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(ms.length * p))] : NaN);
const statuses = {};
for (const a of done) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
const mean = ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : NaN;
console.log(JSON.stringify({ count: done.length, p50: pct(0.5), p99: pct(0.99), mean, statuses }));
agent.destroy();
if (process.env.CREATIONS_DUMP) {
  appendFileSync(process.env.CREATIONS_DUMP, done.map((a) => `${provider} ${a.at} ${a.ms.toFixed(1)}`).join('\n') + '\n');
}
