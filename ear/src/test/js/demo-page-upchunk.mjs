// The demo page's UpChunk path in headless Chromium: /?client=upchunk uploads a local video with
// Mux's UpChunk (PUTs of Content-Range chunks, which the local provider takes as Mux does)
// instead of tus-js-client; then `ready` arrives on the page. Nothing is intercepted.
//
//   node demo-page-upchunk.mjs <base-url> <file>
//
// Prints one JSON line: the page's protocol label, the PUTs sent and their answers, the status.
import { chromium } from 'playwright-core';

const [base, file] = process.argv.slice(2);
const port = new URL(base).port || '80';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--explicitly-allowed-ports=${port}`],
});
const result = { ok: false, errors: [], puts: [] };
let page;
try {
  page = await browser.newPage();
  page.on('pageerror', (e) => result.errors.push(String(e)));
  page.on('response', (response) => {
    const request = response.request();
    if (request.method() === 'PUT' && request.url().includes('/uploads/')) {
      result.puts.push({ status: response.status(), contentRange: request.headers()['content-range'] ?? null });
    }
  });
  await page.goto(`${base}/?client=upchunk`);
  await page.setInputFiles('#file', file);
  await page.waitForFunction(() => document.querySelector('#progress').value === 100, null, { timeout: 90_000 });
  await page.waitForSelector('#status[data-status="ready"]', { timeout: 90_000 });
  result.protocol = (await page.textContent('#upload-protocol')).trim();
  result.videoId = (await page.textContent('#video-id')).trim();
  result.ok = result.errors.length === 0;
} catch (error) {
  result.error = String(error);
  result.pageText = await page?.textContent('main').catch(() => null);
  process.exitCode = 1;
} finally {
  console.log(JSON.stringify(result));
  await browser.close();
}
