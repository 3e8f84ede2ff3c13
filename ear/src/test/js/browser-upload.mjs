// Uploads a file (or plays one) from a page on another origin in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core), with the real browser builds of the clients a web tier uses, so
// the browser itself enforces CORS. The page's origin (http://<host>) is served by a real
// HTTP server here that Chromium resolves <host> to; nothing is intercepted in the browser
// (Playwright would answer CORS preflights itself).
//
//   node browser-upload.mjs upchunk <upload-url> <file> <page-host>
//     Mux's UpChunk PUTs the file in 256 KiB Content-Range chunks through a proxy that loses
//     the answer to the third chunk after the service took it (a dropped connection), so
//     the chunk arrives again, as it would at Mux.
//   node browser-upload.mjs tus <upload-url> <file> <page-host>
//     tus-js-client uploads in 64 KiB chunks; halfway the page is reloaded, and the new page
//     resumes the upload that tus-js-client remembered in localStorage.
//   node browser-upload.mjs hls <playlist-url> - <page-host>
//     The page fetches a playback (master) playlist, its first media playlist and that one's
//     first segment, as hls.js does.
//
// Prints one JSON line: what the clients reported, the HEAD answers, the PUTs the proxy saw.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { basename } from 'node:path';

const [mode, uploadUrl, file, pageHost] = process.argv.slice(2);
const here = new URL('.', import.meta.url);
const scripts = {
  '/tus.min.js': readFileSync(new URL('node_modules/tus-js-client/dist/tus.min.js', here)),
  '/upchunk.js': readFileSync(new URL('node_modules/@mux/upchunk/dist/upchunk.js', here)),
};
const page = '<!doctype html><meta charset="utf-8"><title>upload</title><input type="file" id="file">'
  + '<script src="/tus.min.js"></script><script src="/upchunk.js"></script>';

/**
 * Forwards everything to the service, but closes the connection instead of answering the PUT
 * number `lose`. On a kept-alive connection Chromium then sends that PUT again by itself.
 */
function answerLosingProxy(target, lose) {
  const server = createServer((req, res) => {
    const losing = req.method === 'PUT' && ++server.puts === lose;
    const upstream = request(new URL(req.url, target), { method: req.method, headers: req.headers }, (answer) => {
      if (losing) {
        answer.resume();
        answer.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  server.puts = 0;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The page and the clients' browser builds, as the web tier would serve them. */
function pageServer() {
  const server = createServer((req, res) => {
    const script = scripts[new URL(req.url, 'http://page').pathname];
    res.writeHead(200, { 'Content-Type': script ? 'text/javascript' : 'text/html' });
    res.end(script ?? page);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const ports = [new URL(uploadUrl).port || '80'];
let endpoint = uploadUrl;
let proxy;
if (mode === 'upchunk') {
  proxy = await answerLosingProxy(new URL(uploadUrl).origin, 3);
  const via = new URL(uploadUrl);
  via.host = `localhost:${proxy.address().port}`;
  endpoint = via.toString();
  ports.push(String(proxy.address().port));
}
const pages = await pageServer();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--explicitly-allowed-ports=${ports.join(',')}`,
    `--host-resolver-rules=MAP ${pageHost}:80 127.0.0.1:${pages.address().port}`],
});
try {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  const heads = [];
  tab.on('response', (response) => {
    if (response.request().method() === 'HEAD') {
      heads.push({ status: response.status(), offset: response.headers()['upload-offset'] });
    }
  });
  await tab.goto(`http://${pageHost}/upload.html`);
  let result;
  if (mode === 'hls') {
    result = await tab.evaluate(async (playlistUrl) => {
      try {
        // The master playlist names media playlists, which name segments.
        const playlist = await fetch(playlistUrl);
        const firstUri = (text) => text.split('\n').find((line) => line && !line.startsWith('#'));
        const mediaUrl = new URL(firstUri(await playlist.text()), playlistUrl);
        const media = await fetch(mediaUrl);
        const segment = await fetch(new URL(firstUri(await media.text()), mediaUrl));
        const bytes = new Uint8Array(await segment.arrayBuffer());
        return {
          ok: playlist.ok && media.ok && segment.ok, playlistStatus: playlist.status, mediaStatus: media.status,
          segmentStatus: segment.status,
          segmentBytes: bytes.length, firstByte: bytes[0],
        };
      } catch (e) {
        return { ok: false, error: String(e) };
      }
    }, endpoint);
  } else if (mode === 'upchunk') {
    await tab.setInputFiles('#file', file);
    result = await tab.evaluate((endpoint) => new Promise((resolve) => {
      const chunks = [];
      const failures = [];
      const upload = UpChunk.createUpload({
        endpoint, file: document.querySelector('#file').files[0], chunkSize: 256, delayBeforeAttempt: 0.2, attempts: 3,
      });
      upload.on('chunkSuccess', (e) => chunks.push({
        chunk: e.detail.chunk, attempts: e.detail.attempts, status: e.detail.response.statusCode,
        range: e.detail.response.headers.range ?? null,
      }));
      upload.on('attemptFailure', (e) => failures.push(e.detail.message));
      upload.on('success', () => resolve({ ok: true, chunks, failures }));
      upload.on('error', (e) => resolve({ ok: false, error: e.detail.message, chunks, failures }));
    }), endpoint);
  } else {
    await tab.setInputFiles('#file', file);
    const options = { endpoint, chunkSize: 64 * 1024, retryDelays: [0, 200], name: basename(file) };
    const firstPage = await tab.evaluate((options) => new Promise((resolve) => {
      const selected = document.querySelector('#file').files[0];
      const upload = new tus.Upload(selected, {
        endpoint: options.endpoint, chunkSize: options.chunkSize, retryDelays: options.retryDelays,
        metadata: { filename: options.name, filetype: 'video/mp4' },
        onChunkComplete(_size, accepted, total) {
          if (accepted >= total / 2) {
            upload.abort().then(() => resolve({ aborted: true, accepted }));
          }
        },
        onSuccess: () => resolve({ aborted: false }),
        onError: (e) => resolve({ aborted: false, error: String(e) }),
      });
      upload.start();
    }), options);
    await tab.reload();
    await tab.setInputFiles('#file', file);
    const secondPage = await tab.evaluate((options) => new Promise((resolve) => {
      const selected = document.querySelector('#file').files[0];
      const upload = new tus.Upload(selected, {
        endpoint: options.endpoint, chunkSize: options.chunkSize, retryDelays: options.retryDelays,
        metadata: { filename: options.name, filetype: 'video/mp4' },
        onSuccess: () => resolve({ ok: true, remembered }),
        onError: (e) => resolve({ ok: false, error: String(e), remembered }),
      });
      let remembered = 0;
      upload.findPreviousUploads().then((previous) => {
        remembered = previous.length;
        if (previous.length > 0) {
          upload.resumeFromPreviousUpload(previous[0]);
        }
        upload.start();
      });
    }), options);
    result = { ok: firstPage.aborted && secondPage.ok, firstPage, secondPage, heads };
  }
  console.log(JSON.stringify({ ...result, ok: result.ok && errors.length === 0, errors, puts: proxy?.puts }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error) }));
  process.exitCode = 1;
} finally {
  await browser.close();
  proxy?.close();
  pages.close();
}
