// Drives the admin page in headless Chromium (Debian's /usr/bin/chromium) with playwright-core:
// connect with an admin token, find a given video in the list, sync it, read its latest event
// delivery (status and the endpoint's answer), move it to Cloudflare from its row and find the move
// listed, take a screenshot.
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
  // The video's events are listed with what the endpoint answered (or why nothing came back).
  await page.click('#events-filter button');
  const delivery = await page.waitForFunction((id) => {
    const cells = [...document.querySelectorAll('#deliveries tbody tr')].map((r) => [...r.cells].map((c) => c.textContent))
      .find((c) => c[2] === id && c[6] !== '');
    return cells ? { type: cells[1], status: cells[4], answer: cells[6] } : null;
  }, videoId, { timeout: 30000, polling: 500 }).then((h) => h.jsonValue());
  // A ready video can be moved from its row; the move is listed with where it stands.
  const moveCounts = (await page.textContent('#move-counts')).trim();
  await page.selectOption(`${row} select.move-target`, 'cloudflare');
  await page.click(`${row} button.move`);
  const move = await page.waitForFunction((id) => {
    const cells = [...document.querySelectorAll('#moves tbody tr')].map((r) => [...r.cells].map((c) => c.textContent))
      .find((c) => c[1] === id);
    return cells ? { from: cells[2], to: cells[3], state: cells[4] } : null;
  }, videoId, { timeout: 20000, polling: 250 }).then((h) => h.jsonValue());
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ ok: errors.length === 0, errors, defaultProvider, status, delivery, moveCounts, move }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error) }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
