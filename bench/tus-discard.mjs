// The client's own ceiling: a tus 1.0.0 server (creation and PATCH, on node:http) that counts
// the bytes and keeps none, so an upload to it is as fast as tus-js-client can send on this
// machine. A server that stores them cannot be faster than this with the same client.
//   node tus-discard.mjs <port>
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';

const [port] = process.argv.slice(2);
const uploads = new Map();
const tus = { 'Tus-Resumable': '1.0.0' };

createServer((req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...tus, 'Tus-Version': '1.0.0', 'Tus-Extension': 'creation' }).end();
    return;
  }
  if (req.method === 'POST' && req.url === '/files') {
    const length = Number(req.headers['upload-length']);
    if (!Number.isSafeInteger(length) || length < 0) {
      res.writeHead(400, tus).end();
      return;
    }
    const id = randomUUID();
    uploads.set(id, { length, offset: 0 });
    res.writeHead(201, { ...tus, Location: `/files/${id}` }).end();
    return;
  }
  const upload = uploads.get(req.url.startsWith('/files/') ? req.url.slice('/files/'.length) : '');
  if (!upload) {
    res.writeHead(404, tus).end();
    return;
  }
  if (req.method === 'HEAD') {
    res.writeHead(200, { ...tus, 'Upload-Offset': upload.offset, 'Upload-Length': upload.length, 'Cache-Control': 'no-store' }).end();
    return;
  }
  if (req.method !== 'PATCH' || Number(req.headers['upload-offset']) !== upload.offset) {
    res.writeHead(req.method === 'PATCH' ? 409 : 405, tus).end();
    return;
  }
  req.on('data', (chunk) => { upload.offset += chunk.length; });
  req.on('end', () => res.writeHead(204, { ...tus, 'Upload-Offset': upload.offset }).end());
}).listen(Number(port), '127.0.0.1', () => console.log(`discarding tus server on ${port}`));
