// Cross-checks our Mux schemes against Mux's own SDK (@mux/mux-node):
//  - a webhook body and Mux-Signature header produced by our simulator must pass
//    mux.webhooks.verifySignature/unwrap, and a forged one must not;
//  - each playback token our service signed must verify (RS256) with the signing key's
//    public half and carry the same header and claims as the token mux.jwt.signPlaybackId
//    makes for the same playback id, type and parameters.
// Prints one JSON line with the findings.
//
//   node mux-crosscheck.mjs <input.json>
import { readFileSync } from 'node:fs';
import { createPublicKey, verify } from 'node:crypto';
import Mux from '@mux/mux-node';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const mux = new Mux({
  tokenId: 'not-used', tokenSecret: 'not-used',
  webhookSecret: input.webhookSecret,
  jwtSigningKey: input.signingKeyId,
  jwtPrivateKey: input.privateKey,
});

const part = (jwt, i) => JSON.parse(Buffer.from(jwt.split('.')[i], 'base64url').toString('utf8'));

async function rejects(promise) {
  try { await promise; return false; } catch { return true; }
}

try {
  const { body, header } = input.webhook;
  await mux.webhooks.verifySignature(body, { 'mux-signature': header });
  const event = await mux.webhooks.unwrap(body, { 'mux-signature': header });
  const forgedRejected = await rejects(mux.webhooks.verifySignature(body, { 'mux-signature': input.webhook.forgedHeader }));
  const tamperedRejected = await rejects(mux.webhooks.verifySignature(body + ' ', { 'mux-signature': header }));

  const publicKey = createPublicKey(input.publicKeyPem);
  const tokens = [];
  for (const t of input.tokens) {
    const [h, p, s] = t.jwt.split('.');
    const signatureValid = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'));
    const ours = { header: part(t.jwt, 0), claims: part(t.jwt, 1) };
    const ttl = ours.claims.exp - Math.floor(Date.now() / 1000);
    const reference = await mux.jwt.signPlaybackId(ours.claims.sub, {
      type: t.type, params: t.params, expiration: `${ttl}s`,
    });
    const theirs = { header: part(reference, 0), claims: part(reference, 1) };
    tokens.push({ type: t.type, signatureValid, ours, theirs });
  }
  console.log(JSON.stringify({ ok: true, webhookVerified: true, eventType: event.type, eventId: event.id,
    forgedRejected, tamperedRejected, tokens }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error) }));
  process.exit(1);
}
