// Verifies event deliveries with the Standard Webhooks reference library (npm standardwebhooks),
// not with the service's own code: every request must pass Webhook.verify with the secret.
//
//   node verify-webhooks.mjs <secret> <deliveries.json>
//     deliveries.json: [{"id", "timestamp", "signature", "body"}, ...] as the receiver got them
//
// Prints one JSON line: {"verified": n, "failed": [{"id", "error"}...]}.
import { Webhook } from 'standardwebhooks';
import { readFileSync } from 'node:fs';

const [secret, file] = process.argv.slice(2);
const webhook = new Webhook(secret);
const deliveries = JSON.parse(readFileSync(file, 'utf8'));
let verified = 0;
const failed = [];
for (const d of deliveries) {
  try {
    webhook.verify(d.body, { 'webhook-id': d.id, 'webhook-timestamp': d.timestamp, 'webhook-signature': d.signature });
    verified++;
  } catch (e) {
    failed.push({ id: d.id, error: String(e.message || e) });
  }
}
console.log(JSON.stringify({ verified, failed }));
