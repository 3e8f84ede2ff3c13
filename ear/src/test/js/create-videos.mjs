// Back-to-back video creations from parallel clients, for the kill -9 durability test and the
// creation benchmark. Every id answered 201 is appended to <ids-file> ("<id> <user>", written
// before that client's next request), so what was acknowledged is on record even when the
// server dies mid-run. Stops at --seconds, or for each client at its first failed connection
// (the server was killed). Prints one JSON line: counts, creations/s, latencies.
// `check` then GETs every recorded video as its owner and prints how many are there.
//
//   node create-videos.mjs create <base-url> <template-jwt> <private-key.pem> <ids-file> \
//        [--clients=8] [--seconds=60] [--user-prefix=c]
//   node create-videos.mjs check <base-url> <template-jwt> <private-key.pem> <ids-file>
//
// Each creation runs as a user of its own: the template token (from DevJwt) is re-signed with
// the same claims but a fresh sub/upn/jti, so per-user limits never stop the run.
import { appendFileSync, openSync, readFileSync } from 'node:fs';
import { createSign, randomUUID } from 'node:crypto';

const [mode, base, template, keyFile, idsFile, ...options] = process.argv.slice(2);
const option = (name, fallback) => {
    const found = options.find(o => o.startsWith(`--${name}=`));
    return found ? found.slice(name.length + 3) : fallback;
};
const clients = Number(option('clients', '8'));
const seconds = Number(option('seconds', '60'));
const prefix = option('user-prefix', 'c');
if (!['create', 'check'].includes(mode) || !base || !template || !keyFile || !idsFile) {
    console.error('usage: create-videos.mjs create|check <base-url> <template-jwt> <private-key.pem> <ids-file> [--clients=N] [--seconds=S]');
    process.exit(2);
}

const key = readFileSync(keyFile, 'utf8');
const [headerPart, claimsPart] = template.split('.');
const claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString());
const tokenFor = user => {
    const body = Buffer.from(JSON.stringify({ ...claims, sub: user, upn: user, jti: randomUUID() })).toString('base64url');
    const input = `${headerPart}.${body}`;
    return `${input}.${createSign('RSA-SHA256').update(input).sign(key, 'base64url')}`;
};

if (mode === 'check') {
    const records = readFileSync(idsFile, 'utf8').split('\n').filter(Boolean).map(line => line.split(' '));
    const missing = [], other = [];
    let present = 0;
    for (let i = 0; i < records.length; i += 16) { // 16 requests at a time
        await Promise.all(records.slice(i, i + 16).map(async ([id, user]) => {
            const response = await fetch(`${base}/api/videos/${id}`, { headers: { authorization: `Bearer ${tokenFor(user)}` } });
            await response.arrayBuffer();
            if (response.status === 200) present++;
            else if (response.status === 404) missing.push(id);
            else other.push(`${id}: HTTP ${response.status}`);
        }));
    }
    console.log(JSON.stringify({ recorded: records.length, present, missing: missing.length, other: other.length,
        missingIds: missing.slice(0, 5), otherAnswers: other.slice(0, 5) }));
    process.exit(0);
}

const ids = openSync(idsFile, 'a');
const deadline = Date.now() + seconds * 1000;
const latencies = [];
let acknowledged = 0, refused = 0, failed = 0;

async function client(n) {
    for (let i = 0; Date.now() < deadline; i++) {
        const user = `${prefix}-${n}-${i}`;
        const token = tokenFor(user);
        const started = process.hrtime.bigint();
        let response;
        try {
            response = await fetch(`${base}/api/videos`, {
                method: 'POST',
                headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
                body: JSON.stringify({ title: `creation ${n}-${i}`, provider: 'local' }),
            });
        } catch {
            failed++; // connection refused or reset: the server is gone; this client stops
            return;
        }
        let text;
        try {
            text = await response.text();
        } catch {
            failed++; // the answer was cut off: not acknowledged
            return;
        }
        if (response.status !== 201) {
            refused++;
            console.error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
            continue;
        }
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        appendFileSync(ids, `${JSON.parse(text).id} ${user}\n`);
        acknowledged++;
    }
}

const started = Date.now();
await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
const elapsed = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = q => latencies.length ? Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1)) : null;
console.log(JSON.stringify({
    acknowledged, refused, failed, clients, seconds: Number(elapsed.toFixed(2)),
    perSecond: Number((acknowledged / elapsed).toFixed(1)), p50ms: at(0.5), p90ms: at(0.9), p99ms: at(0.99),
}));
