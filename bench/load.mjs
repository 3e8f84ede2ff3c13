// API under load: N clients (default 200), each its own user, for D seconds (default 60) mix
// create / get / list / delete on one server, while anonymous clients (default 1) post 100 MB webhook
// bodies back to back. Prints requests/s, p50/p99 per call and overall, and every status seen;
// exits 1 on any 5xx or transport error of the API clients.
//
//   node bench/load.mjs <base-url> [clients] [seconds] [webhook-clients]
//
// Tokens are signed here with the development key (wildfly-config/dev/jwt-private.pem), as
// DevJwt.java does, so the server must be configured for development (the build's server is).
// With LOAD_JSON set, the figures also go to that file as JSON (bench/run.sh's table reads them).
import { readFileSync, writeFileSync } from 'node:fs';
import { createSign, randomUUID } from 'node:crypto';
import http from 'node:http';

const [base = 'http://localhost:8180', clientsArg = '200', secondsArg = '60', hooksArg = '1'] = process.argv.slice(2);
const clients = Number(clientsArg);
const seconds = Number(secondsArg);
const key = readFileSync(new URL('../wildfly-config/dev/jwt-private.pem', import.meta.url), 'utf8');
const agent = new http.Agent({ keepAlive: true, maxSockets: clients + 8 });
const url = new URL(base);

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function token(user) {
  const now = Math.floor(Date.now() / 1000);
  const input = b64({ alg: 'RS256', typ: 'JWT', kid: 'yourbit-dev' }) + '.' + b64({
    iss: 'https://dev.yourbit.local', aud: 'yourbit-video', sub: user, upn: user, groups: ['user'],
    iat: now, exp: now + 3600, jti: randomUUID(),
  });
  return input + '.' + createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
}

function request(method, path, headers, body) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(),
        ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      res.on('error', (e) => resolve({ status: 0, error: e.message, ms: 0 }));
    });
    req.on('error', (e) => resolve({ status: 0, error: e.message, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    if (body) req.write(body);
    req.end();
  });
}

const stats = new Map(); // call -> { ms: [], statuses: Map }
function record(call, answer) {
  if (!stats.has(call)) stats.set(call, { ms: [], statuses: new Map() });
  const s = stats.get(call);
  s.ms.push(answer.ms);
  const key = answer.status === 0 ? `error: ${answer.error}` : String(answer.status);
  s.statuses.set(key, (s.statuses.get(key) ?? 0) + 1);
}

const deadline = Date.now() + seconds * 1000;
async function client(i) {
  const auth = { Authorization: `Bearer ${token(`load-${i}-${randomUUID()}`)}` };
  const mine = [];
  let n = 0;
  while (Date.now() < deadline) {
    const step = n++ % 10;
    if (step === 0 || (step === 5 && mine.length === 0)) {
      const a = await request('POST', '/api/videos', { ...auth, 'Content-Type': 'application/json' }, JSON.stringify({ title: `load ${i}` }));
      record('create', a);
      if (a.status === 201) mine.push(JSON.parse(a.body).id);
    } else if (step === 5) {
      const a = await request('DELETE', `/api/videos/${mine.shift()}`, auth);
      record('delete', a);
    } else if (step % 2 === 1 && mine.length) {
      record('get', await request('GET', `/api/videos/${mine[mine.length - 1]}`, auth));
    } else {
      record('list', await request('GET', '/api/videos?limit=20', auth));
    }
  }
}

const bigBody = Buffer.alloc(100 * 1000 * 1000, 0x20);
async function webhookFlood() {
  while (Date.now() < deadline) {
    const a = await request('POST', '/webhooks/mux', { 'Content-Type': 'application/json', 'Content-Length': bigBody.length,
      'Mux-Signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` }, bigBody);
    record('webhook 100 MB (anonymous)', a);
  }
}

const started = Date.now();
await Promise.all([...Array.from({ length: clients }, (_, i) => client(i)),
  ...Array.from({ length: Number(hooksArg) }, () => webhookFlood())]);
const elapsed = (Date.now() - started) / 1000;

const pct = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(1) : '-';
let apiCount = 0;
let bad = 0;
const all = [];
const calls = {};
console.log(`${clients} clients, ${elapsed.toFixed(1)} s against ${base}`);
for (const [call, s] of stats) {
  const sorted = [...s.ms].sort((a, b) => a - b);
  const statuses = [...s.statuses].map(([k, v]) => `${k}×${v}`).join(' ');
  console.log(`${call.padEnd(28)} ${String(s.ms.length).padStart(7)}  p50 ${pct(sorted, 0.5)} ms  p99 ${pct(sorted, 0.99)} ms  ${statuses}`);
  calls[call] = { n: s.ms.length, p50: Number(pct(sorted, 0.5)), p99: Number(pct(sorted, 0.99)), statuses: Object.fromEntries(s.statuses) };
  if (!call.startsWith('webhook')) {
    apiCount += s.ms.length;
    // One by one: spreading the ~100,000 latencies of a two-minute warm-up overflows the stack.
    for (const ms of s.ms) all.push(ms);
  }
  for (const [k, v] of s.statuses) if (k.startsWith('error') || k.startsWith('5')) bad += v;
}
all.sort((a, b) => a - b);
console.log(`API: ${(apiCount / elapsed).toFixed(0)} req/s, p50 ${pct(all, 0.5)} ms, p99 ${pct(all, 0.99)} ms; 5xx or transport errors: ${bad}`);
if (process.env.LOAD_JSON) {
  writeFileSync(process.env.LOAD_JSON, JSON.stringify({ clients, seconds: elapsed, requests: apiCount,
    rate: apiCount / elapsed, p50: Number(pct(all, 0.5)), p99: Number(pct(all, 0.99)), bad, calls }) + '\n');
}
agent.destroy();
process.exit(bad === 0 ? 0 : 1);
