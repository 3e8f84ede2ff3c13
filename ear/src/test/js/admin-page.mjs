// Drives the admin page in headless Chromium (Debian's /usr/bin/chromium) with playwright-core:
// connect with an admin token, find a given video in the list, sync it, take a screenshot.
//
//   node admin-page.mjs <base-url> <admin-token> <video-id> <screenshot.png>
import { chromium } from 'playwright-core';

const [base, token, videoId, screenshot] = process.argv.slice(2);
// Chromium refuses some ports (e.g. 10080, which port offset 2000 gives); the server's is allowed.
const port = new URL(base).port || '80';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--explicitly-allowed-ports=${port}`],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/admin/`);
  await page.fill('#token', token);
  await page.click('#connect');
  const row = `tr[data-video-id="${videoId}"]`;
  await page.waitForSelector(row, { timeout: 20000 });
  const defaultProvider = (await page.textContent('#default-provider')).trim();
  await page.click(`${row} button.sync`);
  await page.waitForFunction((id) => document.querySelector('#message').textContent.startsWith(`Synced ${id}`), videoId,
    { timeout: 20000 });
  const status = (await page.textContent(`${row} td.status`)).trim();
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ ok: errors.length === 0, errors, defaultProvider, status }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error) }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
