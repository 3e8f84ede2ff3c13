// Signed Mux webhook deliveries for bench/run.sh, one per line: "<Mux-Signature>\t<body>".
// Each is a new event (its own id) about an upload this service does not know, so the
// service verifies, records and answers it; with "duplicate" every line is the same event.
//
//   node webhook-bodies.mjs <count> <new|duplicate>   (MUX_WEBHOOK_SECRET from the environment)
import { createHmac, randomUUID } from 'node:crypto';

const [countArg = '30000', kind = 'new'] = process.argv.slice(2);
const secret = process.env.MUX_WEBHOOK_SECRET;
if (!secret) throw new Error('MUX_WEBHOOK_SECRET is not set');
const t = Math.floor(Date.now() / 1000);
const lines = [];
let body;
for (let i = 0; i < Number(countArg); i++) {
  if (kind === 'new' || body === undefined) {
    const upload = randomUUID().replaceAll('-', '');
    body = JSON.stringify({
      type: 'video.upload.asset_created', id: randomUUID(), created_at: new Date().toISOString(),
      object: { type: 'upload', id: upload }, environment: { name: 'Bench', id: 'bench' },
      data: { id: upload, status: 'asset_created', asset_id: randomUUID().replaceAll('-', ''), timeout: 3600,
        new_asset_settings: { playback_policies: ['signed'] } },
    });
  }
  const signature = `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
  lines.push(`${signature}\t${body}`);
}
process.stdout.write(lines.join('\n') + '\n');
