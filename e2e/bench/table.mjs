// Benchmark of the keys table with many keys, in headless Chromium against the emulator. Prints:
//   - list response → table painted (the key list's body has arrived → the frame showing the table);
//   - keystroke in the search box → repaint, also split by whether the keystroke changed the rows
//     in view (rebuilding rows is most of the cost);
//   - JS heap + wasm memory after loading.
// Run it with `make bench` (scripts/bench.sh), which starts the emulator and the web server.
import { chromium } from 'playwright-core';

const consoleUrl = process.env.CONSOLE_URL;
const hosts = process.env.EMULATOR_HOSTS.split(' ');
const appId = process.env.APP_ID;
const adminKey = process.env.ADMIN_KEY;
const keyCount = Number(process.env.KEY_COUNT);
const REFRESHES = 7;

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1], n: sorted.length };
};
const ms = (n) => `${n.toFixed(1)} ms`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('pageerror', (error) => { console.error('page error:', error.message); process.exitCode = 1; });
await page.addInitScript(() => {
  addEventListener('TrunkApplicationStarted', (event) => { window.__wasm = event.detail.wasm; });
});

await page.goto(consoleUrl);
await page.getByLabel('Application ID').fill(appId);
await page.getByLabel('Admin API key').fill(adminKey);
await page.getByText('Advanced').click();
await page.getByLabel('Custom hosts').fill(hosts.join('\n'));
await page.getByRole('button', { name: 'Connect', exact: true }).click();
await page.getByRole('status').filter({ hasText: `${keyCount} of ${keyCount} keys` }).waitFor({ timeout: 60_000 });

// 1. List response → table painted, over several refreshes (the first one warms the caches).
const paints = [];
for (let i = 0; i <= REFRESHES; i++) {
  await page.evaluate(() => performance.clearMarks());
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  const measured = await page.waitForFunction(() => {
    const [response] = performance.getEntriesByName('keys-response');
    const painted = performance.getEntriesByName('keys-painted').find((p) => response && p.startTime > response.startTime);
    return response && painted ? painted.startTime - response.startTime : null;
  }, null, { timeout: 60_000 });
  if (i > 0) paints.push(await measured.jsonValue());
  await page.getByRole('button', { name: 'Refresh', exact: true }).waitFor();
}

// 2. Keystroke → repaint: from the keydown event to the first frame after the input was handled.
const search = page.getByRole('searchbox', { name: 'Search keys' });
await search.focus();
await page.evaluate(() => {
  window.__keystrokes = [];
  const input = document.querySelector('#search');
  // What the rows in view show, to tell the keystrokes that change them from those that do not.
  const inView = () => [...document.querySelectorAll('table.keys tbody tr:not(.spacer) td.description a')]
    .map((a) => a.getAttribute('href')).join(' ');
  let start = 0;
  let before = inView();
  input.addEventListener('keydown', (event) => { start = event.timeStamp; }, true);
  input.addEventListener('input', () => {
    requestAnimationFrame(() => setTimeout(() => {
      const after = inView();
      window.__keystrokes.push({ ms: performance.now() - start, changed: after !== before });
      before = after;
    }, 0));
  });
});
for (const text of ['generated search', 'key #12', 'staging', 'analytics key for docs']) {
  await page.keyboard.type(text, { delay: 120 });
  for (let i = 0; i < text.length; i++) await page.keyboard.press('Backspace', { delay: 120 });
}
await page.waitForTimeout(300);
const keystrokes = await page.evaluate(() => window.__keystrokes);

// 3. Memory after loading: the JS heap after a garbage collection, plus the wasm linear memory.
await search.fill('');
const cdp = await page.context().newCDPSession(page);
await cdp.send('HeapProfiler.collectGarbage');
const { usedSize } = await cdp.send('Runtime.getHeapUsage');
const wasmBytes = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
await browser.close();

const paint = stats(paints);
const key = stats(keystrokes.map((k) => k.ms));
const changing = stats(keystrokes.filter((k) => k.changed).map((k) => k.ms));
const keeping = stats(keystrokes.filter((k) => !k.changed).map((k) => k.ms));
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
console.log(`keys loaded: ${keyCount}`);
console.log(`list response -> table painted: median ${ms(paint.median)}, max ${ms(paint.max)} (${paint.n} refreshes; goal <= 150 ms)`);
console.log(`keystroke -> repaint: median ${ms(key.median)}, p95 ${ms(key.p95)}, max ${ms(key.max)} (${key.n} keystrokes; goal <= 30 ms)`);
const brief = (s) => (s.n ? `median ${ms(s.median)}, p95 ${ms(s.p95)} (${s.n})` : 'none');
console.log(`  keystrokes that change the rows in view: ${brief(changing)}; that keep them: ${brief(keeping)}`);
console.log(`memory after loading: JS heap ${mb(usedSize)} + wasm ${mb(wasmBytes)} = ${mb(usedSize + wasmBytes)}`);
