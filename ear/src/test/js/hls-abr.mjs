// Plays an HLS master playlist with hls.js (the npm package's browser build) in headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core), from a page on http://<page-host> served
// by a real local HTTP server, and caps the bandwidth while it plays: every request of the
// player goes through a proxy here that passes the service's answers on at most a given rate.
// Nothing is intercepted in the browser.
//
//   node hls-abr.mjs <master-playlist-url> <page-host>
//
// 1. open: no cap; playback starts at the highest level;
// 2. capped: at 1.5 x the lowest level's BANDWIDTH, until hls.js switches to a lower level;
// 3. uncapped: no cap again, until hls.js switches to a higher level.
// Prints one JSON line: the levels hls.js parsed, every LEVEL_SWITCHED (level, phase, media
// time), the cap, and errors.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';

const [masterUrl, pageHost] = process.argv.slice(2);
const hlsJs = readFileSync(new URL('node_modules/hls.js/dist/hls.min.js', import.meta.url));
const page = '<!doctype html><meta charset="utf-8"><title>play</title>'
  + '<video id="video" muted playsinline width="640" height="360"></video><script src="/hls.min.js"></script>';
const PHASE_TIMEOUT_MS = 45_000;

/** Bytes per second the proxy passes on, over all connections together; Infinity: no cap. */
let rate = Infinity;
let busyUntil = 0;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the shared link has room for `bytes` more at the current rate. */
async function throttle(bytes) {
  if (rate === Infinity) {
    return;
  }
  const start = Math.max(Date.now(), busyUntil);
  busyUntil = start + (bytes / rate) * 1000;
  await sleep(busyUntil - Date.now());
}

function throttlingProxy(target) {
  const server = createServer((req, res) => {
    const upstream = request(new URL(req.url, target), { method: req.method, headers: req.headers }, async (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pause();
      try {
        for await (const chunk of answer) {
          for (let at = 0; at < chunk.length; at += 16 * 1024) {
            const piece = chunk.subarray(at, Math.min(chunk.length, at + 16 * 1024));
            await throttle(piece.length);
            if (!res.write(piece)) {
              await new Promise((resolve) => res.once('drain', resolve));
            }
          }
        }
        res.end();
      } catch {
        res.destroy();
      }
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function pageServer() {
  const server = createServer((req, res) => {
    const script = new URL(req.url, 'http://page').pathname === '/hls.min.js';
    res.writeHead(200, { 'Content-Type': script ? 'text/javascript' : 'text/html' });
    res.end(script ? hlsJs : page);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const proxy = await throttlingProxy(new URL(masterUrl).origin);
const pages = await pageServer();
const viaProxy = new URL(masterUrl);
viaProxy.host = `localhost:${proxy.address().port}`;
const master = await (await fetch(masterUrl)).text();
const bandwidths = [...master.matchAll(/#EXT-X-STREAM-INF:.*?BANDWIDTH=(\d+)/g)].map((m) => Number(m[1]));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
    `--explicitly-allowed-ports=${proxy.address().port}`,
    `--host-resolver-rules=MAP ${pageHost}:80 127.0.0.1:${pages.address().port}`],
});
const result = { ok: false, bandwidths, errors: [] };
try {
  const tab = await browser.newPage();
  tab.on('pageerror', (e) => result.errors.push(String(e)));
  await tab.goto(`http://${pageHost}/play.html`);
  const top = bandwidths.length - 1;
  await tab.evaluate(({ url, startLevel }) => {
    const state = { phase: 'open', switches: [], levels: [], errors: [], supported: Hls.isSupported() };
    window.state = state;
    const video = document.querySelector('#video');
    // Fixed start at the top; a short buffer so the player keeps choosing levels while it plays.
    const hls = new Hls({ startLevel, maxBufferLength: 10, maxMaxBufferLength: 10, backBufferLength: 0 });
    hls.on(Hls.Events.MANIFEST_PARSED, (_e, data) => {
      state.levels = data.levels.map((l) => ({ bitrate: l.bitrate, width: l.width, height: l.height, codecs: l.codecSet }));
      video.playbackRate = 2; // the same switches in half the time
      video.play().catch((e) => state.errors.push('play: ' + e));
    });
    hls.on(Hls.Events.LEVEL_SWITCHED, (_e, data) => {
      state.switches.push({ level: data.level, phase: state.phase, at: video.currentTime });
    });
    hls.on(Hls.Events.ERROR, (_e, data) => {
      if (data.fatal) {
        state.errors.push(`${data.type}: ${data.details}`);
      }
    });
    hls.loadSource(url);
    hls.attachMedia(video);
  }, { url: viaProxy.toString(), startLevel: top });

  const read = () => tab.evaluate(() => ({ ...window.state, time: document.querySelector('#video').currentTime }));
  const until = async (test) => {
    const deadline = Date.now() + PHASE_TIMEOUT_MS;
    for (let now = await read(); Date.now() < deadline; now = await read()) {
      if (test(now) || now.errors.length > 0) {
        return now;
      }
      await sleep(200);
    }
    return read();
  };
  const lastSwitch = (state, phase) => state.switches.filter((s) => s.phase === phase).at(-1);

  let state = await until((s) => s.time > 1 && lastSwitch(s, 'open')?.level === top);
  if (lastSwitch(state, 'open')?.level === top) {
    result.capBitsPerSecond = Math.round(bandwidths[0] * 1.5);
    rate = result.capBitsPerSecond / 8;
    await tab.evaluate(() => { window.state.phase = 'capped'; });
    state = await until((s) => lastSwitch(s, 'capped')?.level < top);
    const low = lastSwitch(state, 'capped')?.level;
    if (low !== undefined && low < top) {
      rate = Infinity;
      await tab.evaluate(() => { window.state.phase = 'uncapped'; });
      state = await until((s) => lastSwitch(s, 'uncapped')?.level > low);
    }
  }
  Object.assign(result, {
    supported: state.supported, levels: state.levels, switches: state.switches, mediaTime: state.time,
    errors: [...result.errors, ...state.errors],
  });
  result.ok = result.errors.length === 0;
} catch (error) {
  result.errors.push(String(error));
  process.exitCode = 1;
} finally {
  console.log(JSON.stringify(result));
  await browser.close();
  proxy.close();
  pages.close();
}
