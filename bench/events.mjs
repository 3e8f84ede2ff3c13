// Events to the web tier, measured: a receiver here answers every event at once (204); clients
// create videos back to back for D seconds (each creation is one event). Prints the creations/s,
// the events/s the receiver got over the same window, and the lag from the change (the event's
// timestamp, taken in the change's transaction) to its arrival, p50/p99. The server must send
// its events to http://127.0.0.1:<receiver-port>/events (bench/events.sh starts it so).
//
//   node bench/events.mjs <base-url> <receiver-port> [clients] [seconds]
import { readFileSync } from 'node:fs';
import { createSign, randomUUID } from 'node:crypto';
import http from 'node:http';

const [base, portArg, clientsArg = '16', secondsArg = '20'] = process.argv.slice(2);
const clients = Number(clientsArg);
const seconds = Number(secondsArg);
const key = readFileSync(new URL('../wildfly-config/dev/jwt-private.pem', import.meta.url), 'utf8');
const agent = new http.Agent({ keepAlive: true, maxSockets: clients + 4 });
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

const received = [];
const receiver = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const at = Date.now();
    try {
      const event = JSON.parse(Buffer.concat(chunks).toString());
      received.push({ at, lag: at - Date.parse(event.timestamp), id: req.headers['webhook-id'] });
    } catch (e) { /* not an event */ }
    res.writeHead(204);
    res.end();
  });
});
await new Promise((r) => receiver.listen(Number(portArg), '127.0.0.1', r));

function create(tokenValue) {
  return new Promise((resolve) => {
    const body = JSON.stringify({ title: 'bench' });
    const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/api/videos', agent,
      headers: { Authorization: `Bearer ${tokenValue}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
    (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const start = Date.now();
const end = start + seconds * 1000;
let created = 0;
const statuses = {};
await Promise.all(Array.from({ length: clients }, async (_, i) => {
  // Each client its own users: the per-user creation limit (30 a minute) is not what is measured.
  let n = 0;
  while (Date.now() < end) {
    const status = await create(token(`events-bench-${i}-${Math.floor(n++ / 25)}-${randomUUID()}`));
    statuses[status] = (statuses[status] || 0) + 1;
    if (status === 201) created++;
  }
}));
const createdBy = Date.now();
// Let the last events arrive.
for (let waited = 0; received.filter((r) => r.at >= start).length < created && waited < 30000; waited += 100) {
  await new Promise((r) => setTimeout(r, 100));
}
receiver.close();
agent.destroy();
const window = received.filter((r) => r.at >= start && r.at <= createdBy);
const lags = received.filter((r) => r.at >= start).map((r) => r.lag).sort((a, b) => a - b);
const pct = (p) => lags.length ? lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] : null;
const distinct = new Set(received.map((r) => r.id)).size;
console.log(JSON.stringify({
  clients, seconds, statuses, created, createdPerSecond: +(created / ((createdBy - start) / 1000)).toFixed(1),
  eventsReceived: received.length, distinctEvents: distinct,
  eventsPerSecond: +(window.length / ((createdBy - start) / 1000)).toFixed(1),
  lagMs: { p50: pct(0.5), p99: pct(0.99), max: lags[lags.length - 1] ?? null },
}));
