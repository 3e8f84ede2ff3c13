// Drives the development demo page (/) in headless Chromium (Debian's /usr/bin/chromium) with
// playwright-core, as a visitor would: choose a file, reload the page halfway through the upload,
// choose the same file again, wait for `ready` to arrive on the page, play, switch the quality,
// hover the scrub bar for the storyboard's preview, take a screenshot. Nothing is intercepted: the page talks to the real
// server; its upload is slowed by Chromium's own network emulation (DevTools' throttling) so
// that there is a "halfway". Requests and answers are only observed.
//
//   node demo-page.mjs <base-url> <file> <screenshot.png> <upload-bytes-per-second> <quality-levels-wanted>
//
// With fewer quality levels than wanted after a while, the switch is left out (levels tells how many).
//
// Prints one JSON line with what the page showed and what went over the wire.
import { chromium } from 'playwright-core';

const [base, file, screenshot, rate, wanted] = process.argv.slice(2);
const port = new URL(base).port || '80';
const STEP = 90_000;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
    `--explicitly-allowed-ports=${port}`],
});
const result = { ok: false, errors: [], consoleErrors: [], requests: [], heads: [] };
let page;
try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  page = await context.newPage();
  page.on('pageerror', (e) => result.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') result.consoleErrors.push(m.text()); });
  // The tus requests as sent (method, Upload-Offset) and the HEAD answers a resuming client reads.
  let pageNumber = 1;
  page.on('request', (request) => {
    if (request.url().includes('/uploads/') && request.method() !== 'OPTIONS') {
      result.requests.push({ page: pageNumber, method: request.method(), offset: request.headers()['upload-offset'] ?? null });
    }
  });
  page.on('response', (response) => {
    if (response.request().method() === 'HEAD' && response.url().includes('/uploads/')) {
      result.heads.push({ page: pageNumber, status: response.status(), offset: response.headers()['upload-offset'] });
    }
  });
  const devtools = await context.newCDPSession(page);
  await devtools.send('Network.enable');
  const throttle = (bytesPerSecond) => devtools.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond,
  });

  await page.goto(`${base}/`);
  await page.waitForSelector('#drop');
  await throttle(Number(rate));
  await page.setInputFiles('#file', file);
  await page.waitForSelector('#video-section:not([hidden])', { timeout: STEP });
  result.videoId = (await page.textContent('#video-id')).trim();
  result.protocol = await page.getAttribute('#upload', 'data-protocol');
  result.statusBeforeReload = await page.getAttribute('#status', 'data-status');
  // Halfway: at least 30 % sent, then the visitor reloads.
  await page.waitForFunction(() => document.querySelector('#progress').value >= 30, null, { timeout: STEP });
  result.percentBeforeReload = await page.$eval('#progress', (p) => p.value);
  pageNumber = 2;
  await page.reload();
  await page.waitForSelector('#resume-hint:not([hidden])', { timeout: STEP });
  result.hintAfterReload = (await page.textContent('#resume-hint')).trim();
  await throttle(-1);
  await page.setInputFiles('#file', file);
  await page.waitForFunction(() => /resuming/.test(document.querySelector('#upload-state').textContent), null,
    { timeout: STEP });
  result.uploadState = (await page.textContent('#upload-state')).trim();
  await page.waitForFunction(() => document.querySelector('#progress').value === 100, null, { timeout: STEP });

  // `ready` arrives through the event stream: the page is not reloaded again.
  await page.waitForSelector('#status[data-status="ready"]', { timeout: STEP });
  result.events = await page.$$eval('#events li', (items) => items.map((li) => li.dataset.type));
  result.streamState = (await page.textContent('#stream-state')).trim();

  // Playback: hls.js plays the signed playlist; the time must advance by at least 2 s.
  await page.waitForSelector('#player:not([hidden])', { timeout: STEP });
  await page.waitForFunction(() => document.querySelector('#quality').options.length >= 2, null, { timeout: STEP });
  await page.$eval('#video', (v) => v.play());
  const start = await page.$eval('#video', (v) => v.currentTime);
  await page.waitForFunction((t0) => document.querySelector('#video').currentTime >= t0 + 2, start, { timeout: 30_000 });
  result.played = (await page.$eval('#video', (v) => v.currentTime)) - start;

  // Quality: the levels of the master playlist (a local ladder adds rungs after `ready`; the
  // page loads the new master playlist when the video's renditions grow).
  const levelsWanted = Number(wanted);
  try {
    await page.waitForFunction((n) => document.querySelector('#quality').options.length >= n + 1, levelsWanted,
      { timeout: STEP });
  } catch {
    // reported below: fewer levels than wanted
  }
  result.levels = await page.$$eval('#quality option', (options) => options.slice(1).map((o) => o.textContent));
  if (result.levels.length >= 2) {
    await page.waitForSelector('#level[data-level]', { state: 'attached', timeout: 30_000 });
    const playing = Number(await page.getAttribute('#level', 'data-level'));
    const target = playing === 0 ? 1 : 0;
    await page.selectOption('#quality', String(target));
    await page.waitForFunction((t) => document.querySelector('#level').dataset.level === String(t), target,
      { timeout: 30_000 });
    result.switchedFrom = result.levels[playing];
    result.switchedTo = result.levels[target];
    result.levelShown = (await page.textContent('#level')).trim();
    // The clip is 8 s: on a busy machine the switch can take until its end, so the new level
    // plays it again from the start rather than from wherever the switch finished.
    result.switchedAt = await page.$eval('#video', (v) => v.currentTime);
    await page.$eval('#video', (v) => { v.currentTime = 0; return v.play().catch(() => {}); });
    await page.waitForFunction(() => document.querySelector('#video').currentTime >= 1, null, { timeout: 30_000 });
    result.playedAfterSwitch = true;
  }

  // The thumbnail, and the storyboard on the scrub bar when the API offers one.
  await page.waitForFunction(() => document.querySelector('#thumbnail').naturalWidth > 0, null, { timeout: 30_000 });
  result.thumbnailWidth = await page.$eval('#thumbnail', (i) => i.naturalWidth);
  // The local provider makes the storyboard after `ready`; the page asks for it when an event says it is there.
  await page.waitForSelector('#scrub[data-cues]', { timeout: STEP }).catch(() => {});
  result.storyboardCues = Number(await page.getAttribute('#scrub', 'data-cues') || 0);
  if (result.storyboardCues > 0) {
    // hover() scrolls the bar into view first (a mouse outside the viewport moves over nothing).
    const box = await (await page.$('#scrub')).boundingBox();
    await page.hover('#scrub', { position: { x: box.width * 0.6, y: box.height / 2 } });
    await page.waitForSelector('#preview:not([hidden])', { timeout: 10_000 });
    result.previewImage = await page.$eval('#preview-image', (d) => d.style.backgroundImage);
  }
  await page.screenshot({ path: screenshot, fullPage: true });
  result.ok = result.errors.length === 0;
} catch (error) {
  result.error = String(error);
  result.pageText = await page?.textContent('main').catch(() => null);
  result.videoElement = await page?.$eval('#video', (v) => ({ currentTime: v.currentTime, duration: v.duration,
    paused: v.paused, ended: v.ended, readyState: v.readyState })).catch(() => null);
  await page?.screenshot({ path: screenshot.replace(/\.png$/, '-failed.png'), fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  console.log(JSON.stringify(result));
  await browser.close();
}
