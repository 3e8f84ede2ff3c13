// The simulator's own latency, for bench/run.sh: the creation call this service makes (Mux:
// POST /video/v1/uploads; Cloudflare: POST …/stream/direct_upload) sent straight to the
// simulator at <rate> per second for <seconds>, over kept-alive connections as the service
// sends it. Prints one JSON line like creations.mjs, plus how many answers had their body
// arrive 30 ms or more after their headers (a stall of the simulator's, not of the service).
// What the service adds to a creation is its p99 minus this p99.
//
//   node simulator-calls.mjs <mux|cloudflare> <port> <rate> <seconds>
// The test-only secrets come from the environment (test-env.mjs).
import http from 'node:http';

const [provider, port, rateArg = '50', secondsArg = '10'] = process.argv.slice(2);
const env = process.env;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const call = provider === 'mux'
  ? { path: '/video/v1/uploads',
      authorization: `Basic ${Buffer.from(`${env.MUX_TOKEN_ID}:${env.MUX_TOKEN_SECRET}`).toString('base64')}`,
      body: { cors_origin: '*', new_asset_settings: { playback_policies: ['signed'], passthrough: 'bench' } } }
  : { path: `/client/v4/accounts/${env.CLOUDFLARE_ACCOUNT_ID}/stream/direct_upload`,
      authorization: `Bearer ${env.CLOUDFLARE_STREAM_API_KEY}`,
      body: { maxDurationSeconds: 3600, requireSignedURLs: true } };

function send() {
  const body = JSON.stringify(call.body);
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    let headers;
    const req = http.request({ host: 'localhost', port, method: 'POST', path: call.path, agent,
      headers: { Authorization: call.authorization, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
    (res) => {
      headers = process.hrtime.bigint();
      res.resume();
      res.on('end', () => {
        const end = process.hrtime.bigint();
        resolve({ status: res.statusCode, ms: Number(end - started) / 1e6, bodyAfter: Number(end - headers) / 1e6 });
      });
    });
    req.on('error', () => resolve({ status: 0, ms: 0, bodyAfter: 0 }));
    req.end(body);
  });
}

const rate = Number(rateArg);
const total = rate * Number(secondsArg);
const answers = [];
const started = Date.now();
for (let i = 0; i < total; i++) {
  const wait = started + (i * 1000) / rate - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  answers.push(send());
}
const done = await Promise.all(answers);
const ms = done.filter((a) => a.status >= 200 && a.status < 300).map((a) => a.ms).sort((a, b) => a - b);
const pct = (p) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(ms.length * p))] : NaN);
const statuses = {};
for (const a of done) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
console.log(JSON.stringify({ count: done.length, p50: pct(0.5), p99: pct(0.99),
  stalled: done.filter((a) => a.bodyAfter >= 30).length, statuses }));
agent.destroy();
