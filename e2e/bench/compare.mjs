// Benchmark of the comparison of two applications with many keys each (`make bench-compare`):
// the release build against two emulators. Each round, in a fresh browser context, connects both,
// loads both lists, then measures:
//   - compare shown: from choosing the other application to the first frame that shows the groups'
//     counts and their first rows (matching both loads and rendering the first page of each group);
//   - keystroke → repaint in the comparison's search, from keydown to the first frame after;
//   - the same keystrokes in the keys table's search, measured the same way in the same round: the
//     reference the comparison is read against (the table is within a frame, `make bench`).
// It prints medians and p95; it asserts nothing, but fails when the page errors.
import { chromium } from 'playwright-core';

const consoleUrl = process.env.CONSOLE_URL;
const apps = JSON.parse(process.env.APPS);
const rounds = Number(process.env.ROUNDS);
const TYPED = ['shop', 'key #12', 'staging', 'analytics key for docs'];
const TYPING_DELAY_MS = 120;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

async function connect(page, app, adding) {
  await page.goto(consoleUrl + (adding ? 'add' : ''));
  await page.getByLabel('Application ID').fill(app.appId);
  await page.getByLabel('Admin API key').fill(app.apiKey);
  await page.getByLabel('Label').fill(app.label);
  await page.getByText('Advanced').click();
  await page.getByLabel('Custom hosts').fill(app.hosts.join('\n'));
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const count = `${app.keys} of ${app.keys} keys`;
  await page.getByRole('status').filter({ hasText: count }).waitFor({ timeout: 120_000 });
}

// Keystroke → repaint in the search box `selector`, over the typed texts, each typed then erased.
async function keystrokes(page, selector) {
  await page.locator(selector).focus();
  await page.evaluate((selector) => {
    window.__keystrokes = [];
    const input = document.querySelector(selector);
    let start = 0;
    input.addEventListener('keydown', (event) => { start = event.timeStamp; }, true);
    input.addEventListener('input', () => {
      requestAnimationFrame(() => setTimeout(() => window.__keystrokes.push(performance.now() - start), 0));
    });
  }, selector);
  for (const text of TYPED) {
    await page.keyboard.type(text, { delay: TYPING_DELAY_MS });
    for (let i = 0; i < text.length; i++) await page.keyboard.press('Backspace', { delay: TYPING_DELAY_MS });
  }
  await page.waitForTimeout(300);
  return page.evaluate(() => window.__keystrokes);
}

async function round(results) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    const [a, b] = apps;
    await connect(page, a, false);
    await connect(page, b, true);
    await page.getByRole('navigation', { name: 'Applications' }).getByRole('link', { name: a.label }).click();
    await page.getByRole('status').filter({ hasText: `${a.keys} of ${a.keys} keys` }).waitFor();
    results.table.push(...await keystrokes(page, '#search'));

    await page.getByRole('link', { name: 'Compare' }).click();
    await page.evaluate(() => {
      window.__shown = new Promise((resolve) => {
        let start = 0;
        document.addEventListener('change', (event) => { start = event.timeStamp; }, true);
        new MutationObserver((_, observer) => {
          const counts = document.querySelector('fieldset.groups')?.textContent ?? '';
          if (start && /\(\d+\)/.test(counts) && document.querySelector('.compare-row')) {
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
          }
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
    });
    await page.getByLabel('Compare with').selectOption({ label: `${b.label} (${b.appId})` });
    results.shown.push(await page.evaluate(() => window.__shown));
    results.groups = await page.locator('fieldset.groups').innerText();
    results.compare.push(...await keystrokes(page, '#compare-search'));
    if (errors.length) throw new Error(`the page logged errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

const results = { shown: [], compare: [], table: [], groups: '' };
try {
  for (let r = 0; r < rounds; r++) {
    await round(results);
    process.stderr.write(`round ${r + 1} of ${rounds} done\n`);
  }
} finally {
  await browser.close();
}

const quantile = (values, q) => [...values].sort((x, y) => x - y)[Math.min(values.length - 1, Math.floor(q * values.length))];
const ms = (n) => `${n.toFixed(1)} ms`.padStart(12);
console.log(`compare: ${apps[0].keys} keys against ${apps[1].keys}; ${rounds} rounds`);
console.log(`groups: ${results.groups.replace(/\s+/g, ' ').trim()}`);
console.log(`${'compare shown, median'.padEnd(40)}${ms(quantile(results.shown, 0.5))}   (by round: ${results.shown.map((v) => v.toFixed(0)).join(' ')} ms)`);
console.log(`${''.padEnd(40)}${'compare'.padStart(12)}${'keys table'.padStart(12)}${'ratio'.padStart(10)}`);
for (const [label, q] of [[`keystroke, median of ${results.compare.length}`, 0.5], ['keystroke, p95', 0.95]]) {
  const [c, t] = [quantile(results.compare, q), quantile(results.table, q)];
  console.log(`${label.padEnd(40)}${ms(c)}${ms(t)}${(c / t).toFixed(2).padStart(10)}`);
}
console.log('keys table = the same keystrokes in the keys table search, same round: the reference');
