// A web tier's events endpoint for the test scripts (kill -9, cluster): every POST is verified
// with the Standard Webhooks reference library and written as one JSON line to <out-file>:
// {"id", "type", "videoId", "seq", "verified"}; answered 204, or 400 when the signature fails.
// Runs until it is killed.
//
//   node event-receiver.mjs <port> <secret> <out-file>
import { Webhook } from 'standardwebhooks';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, secret, out] = process.argv.slice(2);
const webhook = new Webhook(secret);
createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    let verified = true;
    try {
      webhook.verify(body, req.headers);
    } catch (e) {
      verified = false;
    }
    let event = {};
    try {
      event = JSON.parse(body);
    } catch (e) {
      verified = false;
    }
    appendFileSync(out, JSON.stringify({
      id: req.headers['webhook-id'], type: event.type, videoId: event.data && event.data.id,
      updatedAt: event.data && event.data.updatedAt, verified,
    }) + '\n');
    res.writeHead(verified ? 204 : 400);
    res.end();
  });
}).listen(Number(port), '127.0.0.1', () => console.log(JSON.stringify({ listening: Number(port) })));
