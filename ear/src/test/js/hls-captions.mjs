// Plays an HLS master playlist with hls.js (the npm package's browser build) in headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core), from a page on http://<page-host> served
// by a local HTTP server, selects the first subtitle track, and watches the <video>'s textTracks
// until the cue with <expected-text> is active at the playhead. Nothing is intercepted in the
// browser: the playlists and WebVTT segments come from the service, as a player gets them.
//
//   node hls-captions.mjs <master-playlist-url> <page-host> <expected-text>
//
// Prints one JSON line: the subtitle tracks hls.js parsed, the text tracks of the video element,
// every cue it got (text, start, end), the media time at which the expected cue was first seen
// active, and errors.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [masterUrl, pageHost, expectedText] = process.argv.slice(2);
const hlsJs = readFileSync(new URL('node_modules/hls.js/dist/hls.min.js', import.meta.url));
const page = '<!doctype html><meta charset="utf-8"><title>captions</title>'
  + '<video id="video" muted playsinline width="640" height="360"></video><script src="/hls.min.js"></script>';
const TIMEOUT_MS = 60_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function pageServer() {
  const server = createServer((req, res) => {
    const script = new URL(req.url, 'http://page').pathname === '/hls.min.js';
    res.writeHead(200, { 'Content-Type': script ? 'text/javascript' : 'text/html' });
    res.end(script ? hlsJs : page);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const pages = await pageServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
    `--host-resolver-rules=MAP ${pageHost}:80 127.0.0.1:${pages.address().port}`],
});
const result = { ok: false, errors: [] };
try {
  const tab = await browser.newPage();
  tab.on('pageerror', (e) => result.errors.push(String(e)));
  await tab.goto(`http://${pageHost}/play.html`);
  await tab.evaluate(({ url, expected }) => {
    const state = { subtitleTracks: [], errors: [], activeSeenAt: null, supported: Hls.isSupported() };
    window.state = state;
    const video = document.querySelector('#video');
    const hls = new Hls({ subtitleDisplay: true, renderTextTracksNatively: true });
    window.hls = hls;
    hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, (_e, data) => {
      state.subtitleTracks = data.subtitleTracks.map((t) => ({ name: t.name, lang: t.lang, default: t.default }));
      // As a viewer picking the first track from a menu: after hls.js has applied its own default
      // (none: every track is DEFAULT=NO), which it does right after this event.
      if (data.subtitleTracks.length > 0) {
        setTimeout(() => { hls.subtitleTrack = 0; }, 0);
      }
    });
    hls.on(Hls.Events.MANIFEST_PARSED, () => {
      video.play().catch((e) => state.errors.push('play: ' + e));
    });
    hls.on(Hls.Events.ERROR, (_e, data) => {
      if (data.fatal || String(data.details).toLowerCase().includes('subtitle')) {
        state.errors.push(`${data.type}: ${data.details}${data.fatal ? ' (fatal)' : ''}`);
      }
    });
    // The playhead is read with the active cues on every frame the browser paints.
    const watch = () => {
      for (const track of video.textTracks) {
        for (const cue of track.activeCues || []) {
          if (cue.text === expected && state.activeSeenAt === null) {
            state.activeSeenAt = video.currentTime;
          }
        }
      }
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    hls.loadSource(url);
    hls.attachMedia(video);
  }, { url: masterUrl, expected: expectedText });

  const read = () => tab.evaluate(() => {
    const video = document.querySelector('#video');
    const textTracks = [...video.textTracks].map((t) => ({
      kind: t.kind, label: t.label, language: t.language, mode: t.mode,
      cues: [...(t.cues || [])].map((c) => ({ text: c.text, start: c.startTime, end: c.endTime })),
    }));
    return { ...window.state, textTracks, time: video.currentTime };
  });
  const deadline = Date.now() + TIMEOUT_MS;
  let state = await read();
  while (Date.now() < deadline && state.activeSeenAt === null && !state.errors.some((e) => e.includes('fatal'))) {
    await sleep(200);
    state = await read();
  }
  // Let the rest of the short clip play, so later segments' cues arrive too.
  const ended = Date.now() + 15_000;
  while (Date.now() < ended && state.time < 7.5) {
    await sleep(200);
    state = await read();
  }
  Object.assign(result, state, { errors: [...result.errors, ...state.errors] });
  result.ok = result.errors.length === 0 && state.activeSeenAt !== null;
} catch (error) {
  result.errors.push(String(error));
  process.exitCode = 1;
} finally {
  console.log(JSON.stringify(result));
  await browser.close();
  pages.close();
}
