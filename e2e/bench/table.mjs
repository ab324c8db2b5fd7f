// Benchmark of the keys table with many keys: the console's release build against a plain-DOM
// reference page (reference.html), in headless Chromium against the emulator. Both are measured by
// the same method in the same run, in alternating rounds, so a busy machine slows both alike: read
// the ratios, not the milliseconds. Each round opens each page in a fresh browser context and
// measures:
//   - first paint: from the `responseEnd` of the `GET /1/keys` Resource Timing entry (the last byte
//     of the list received, before the page's code can read it) to the first frame after the page
//     shows "N of N keys" with rows in the table. For the console, the first
//     load after Connect (fresh page, the connect form filled and submitted); for the reference,
//     its first load (it fetches as soon as its script runs);
//   - memory after that load: the JS heap after a forced garbage collection, plus the wasm memory;
//   - refresh paint: the same, after the Refresh button, until the frame showing the new rows;
//   - keystroke → repaint in the search box: from the keydown event to the first frame after the
//     input was handled, also split by whether the keystroke changed the rows in view;
//   - memory again at the end of the round, the search cleared.
// "The first frame after" is taken as a task queued from a requestAnimationFrame callback: it runs
// once that frame's style, layout and paint are done.
// Run it with `make bench` (scripts/bench.sh), which starts the emulator and the web server.
import { chromium } from 'playwright-core';

const consoleUrl = process.env.CONSOLE_URL;
const referenceUrl = process.env.REFERENCE_URL;
const hosts = process.env.EMULATOR_HOSTS.split(' ');
const appId = process.env.APP_ID;
const adminKey = process.env.ADMIN_KEY;
const keyCount = Number(process.env.KEY_COUNT);
const rounds = Number(process.env.ROUNDS);
// Refreshes measured per round, after one that is not: the first warms the refresh's code.
const REFRESHES = 3;
const TYPED = ['generated search', 'key #12', 'staging', 'analytics key for docs'];
const TYPING_DELAY_MS = 120;
// How long a page may take to show its keys before the benchmark gives up on it.
const PAINT_TIMEOUT_MS = 60_000;
// A pause after the first paint before memory is read, the same for both pages, so work the page
// queued for after its first frame is done.
const SETTLE_MS = 500;
const shownAll = `${keyCount} of ${keyCount} keys`;
// The console's performance marks on the way from the list's response to its first frame: the text
// in wasm, the list parsed, the rows and their search text built, the keys page created and its rows
// sorted.
const STAGES = ['keys-response', 'keys-parsed', 'keys-rows', 'keys-sorted'];

// Installed in every page before its own scripts. `__painted` resolves at the first frame after
// the count shows every key and the table's first row is one that was not there when it was armed
// (at the start, then by `__arm` before each refresh). Both pages show the count in `p.count` and
// the rows in `table.keys`.
function paintProbe(shownAll) {
  let since = 0;
  let before = new WeakSet();
  let armed = true;
  let resolve;
  window.__arm = () => {
    before = new WeakSet(document.querySelectorAll('table.keys tbody tr'));
    since = performance.now();
    window.__painted = new Promise((r) => { resolve = r; });
    armed = true;
  };
  window.__arm();
  new MutationObserver(() => {
    if (!armed) return;
    const row = document.querySelector('table.keys tbody tr:not(.spacer)');
    if (row && !before.has(row) && document.querySelector('p.count')?.textContent === shownAll) {
      armed = false;
      const [armedAt, done] = [since, resolve];
      requestAnimationFrame(() => setTimeout(() => done({ since: armedAt, at: performance.now() }), 0));
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

const pages = {
  console: {
    wasm: true,
    async open(page) {
      await page.goto(consoleUrl);
      await page.getByLabel('Application ID').fill(appId);
      await page.getByLabel('Admin API key').fill(adminKey);
      await page.getByText('Advanced').click();
      await page.getByLabel('Custom hosts').fill(hosts.join('\n'));
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
    },
  },
  reference: {
    wasm: false,
    async open(page) {
      const fragment = new URLSearchParams({ app: appId, key: adminKey, host: hosts[0] });
      await page.goto(`${referenceUrl}#${fragment}`);
    },
  },
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});

// Milliseconds from the list response's end to the frame `__painted` reports.
// `stagesOut`, when given, receives the console's stage marks, in ms after the response's end.
async function paintAfterList(page, step, what, stagesOut) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: the page did not show "${shownAll}" within ${PAINT_TIMEOUT_MS / 1000} s`)),
      PAINT_TIMEOUT_MS);
  });
  const measured = page.evaluate(async (STAGES) => {
    const paint = await window.__painted;
    const lists = performance.getEntriesByType('resource')
      .filter((e) => e.initiatorType === 'fetch' && new URL(e.name).pathname === '/1/keys' && e.startTime >= paint.since);
    if (!lists.length) return null;
    const end = lists.at(-1).responseEnd;
    // The console's own marks (src/perf.rs) split the time into stages; the reference has none.
    const stages = {};
    for (const name of STAGES) {
      const mark = performance.getEntriesByName(name, 'mark').find((m) => m.startTime >= end);
      if (mark) stages[name] = mark.startTime - end;
    }
    return { ms: paint.at - end, stages };
  }, STAGES);
  try {
    const measuredPaint = await step(Promise.race([measured, timeout]));
    if (measuredPaint === null) throw new Error(`${what}: no Resource Timing entry for GET /1/keys`);
    const { ms, stages } = measuredPaint;
    if (!(ms > 0)) throw new Error(`${what}: the frame came before the list response ended (${ms} ms)`);
    if (stagesOut) stagesOut.push(stages);
    return ms;
  } finally {
    clearTimeout(timer);
  }
}

// The JS heap after a garbage collection, and the wasm linear memory when the page has one.
async function memory(page, wasm) {
  await page.waitForTimeout(SETTLE_MS);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  // The build shortens export names: the memory is found by what it is.
  const wasmBytes = wasm
    ? await page.evaluate(
        () => Object.values(window.__wasm).find((v) => v instanceof WebAssembly.Memory).buffer.byteLength,
      )
    : 0;
  return { js: usedSize, wasm: wasmBytes, total: usedSize + wasmBytes };
}

// Keystroke → repaint: from the keydown event to the first frame after the input was handled.
async function keystrokes(page) {
  await page.locator('#search').focus();
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
  for (const text of TYPED) {
    await page.keyboard.type(text, { delay: TYPING_DELAY_MS });
    for (let i = 0; i < text.length; i++) await page.keyboard.press('Backspace', { delay: TYPING_DELAY_MS });
  }
  await page.waitForTimeout(300);
  return page.evaluate(() => window.__keystrokes);
}

// One round of one page, in a fresh context: no cache, no session, cold code.
async function round(name, results) {
  const { open, wasm } = pages[name];
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    // A step of the round fails as soon as the page throws or logs an error; a step left behind
    // then fails quietly when the context closes.
    let fail;
    const failed = new Promise((_, reject) => { fail = reject; });
    failed.catch(() => {});
    const step = (promise) => {
      promise.catch(() => {});
      return Promise.race([promise, failed]);
    };
    page.on('pageerror', (error) => fail(new Error(`${name}: page error: ${error.message}`)));
    page.on('console', (message) => {
      if (message.type() === 'error') fail(new Error(`${name}: console error: ${message.text()}`));
    });
    await page.addInitScript(paintProbe, shownAll);
    await page.addInitScript(() => {
      addEventListener('TrunkApplicationStarted', (event) => { window.__wasm = event.detail.wasm; });
    });

    await step(open(page));
    results.first.push(await paintAfterList(page, step, `${name}, first load`, results.stages));
    results.memory.push(await step(memory(page, wasm)));

    const refresh = page.getByRole('button', { name: 'Refresh', exact: true });
    for (let i = 0; i <= REFRESHES; i++) {
      await step(page.evaluate(() => window.__arm()));
      await step(refresh.click());
      const ms = await paintAfterList(page, step, `${name}, refresh`);
      if (i > 0) results.refresh.push(ms);
      await step(refresh.waitFor());
    }

    results.keys.push(...await step(keystrokes(page)));
    // Wasm memory grows and never shrinks: after the refreshes and keystrokes it shows the peak.
    await step(page.locator('#search').fill(''));
    results.memoryAtEnd.push(await step(memory(page, wasm)));
  } finally {
    await context.close();
  }
}

const results = {};
for (const name of Object.keys(pages)) {
  results[name] = { first: [], stages: [], refresh: [], memory: [], memoryAtEnd: [], keys: [] };
}
try {
  for (let r = 0; r < rounds; r++) {
    // Alternating which goes first, so neither always follows the other's garbage or warm caches.
    const order = r % 2 === 0 ? ['console', 'reference'] : ['reference', 'console'];
    for (const name of order) await round(name, results[name]);
    process.stderr.write(`round ${r + 1} of ${rounds} done\n`);
  }
} finally {
  await browser.close();
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const median = (values) => quantile(values, 0.5);
const ms = (n) => `${n.toFixed(1)} ms`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;

const { console: c, reference: r } = results;
const line = (label, unit, pick) => {
  const [a, b] = [pick(c), pick(r)];
  console.log(`${label.padEnd(36)}${unit(a).padStart(12)}${unit(b).padStart(12)}${(a / b).toFixed(2).padStart(10)}`);
};
const keyMs = (s) => s.keys.map((k) => k.ms);
console.log(`keys loaded: ${keyCount}; ${rounds} rounds, console and reference alternating`);
console.log(`${''.padEnd(36)}${'console'.padStart(12)}${'reference'.padStart(12)}${'ratio'.padStart(10)}`);
line(`first paint, median of ${rounds}`, ms, (s) => median(s.first));
line(`refresh paint, median of ${c.refresh.length}`, ms, (s) => median(s.refresh));
line(`keystroke, median of ${c.keys.length}`, ms, (s) => median(keyMs(s)));
line('keystroke, p95', ms, (s) => quantile(keyMs(s), 0.95));
line(`memory after loading, median of ${rounds}`, mb, (s) => median(s.memory.map((m) => m.total)));
line('memory at the end of a round', mb, (s) => median(s.memoryAtEnd.map((m) => m.total)));
console.log('ratio = console / reference; memory is the JS heap plus, for the console, the wasm memory');
const rounded = (values) => values.map((v) => v.toFixed(0)).join(' ');
console.log(`first paint by round (ms): console ${rounded(c.first)}; reference ${rounded(r.first)}`);
const stageAt = (name) => median(c.stages.map((s) => s[name]).filter((v) => v !== undefined));
const [textAt, parsedAt, rowsAt, sortedAt] = STAGES.map(stageAt);
const firstAt = median(c.first);
console.log(`console first load, medians after the response's end: text in wasm ${ms(textAt)}, parsed ${ms(parsedAt)}`
  + ` (+${ms(parsedAt - textAt)}), rows built ${ms(rowsAt)} (+${ms(rowsAt - parsedAt)}), page created and sorted`
  + ` ${ms(sortedAt)} (+${ms(sortedAt - rowsAt)}), first frame ${ms(firstAt)} (+${ms(firstAt - sortedAt)})`);
const split = (memory) => `JS heap ${mb(median(memory.map((m) => m.js)))} + wasm ${mb(median(memory.map((m) => m.wasm)))}`;
console.log(`console memory (medians): after loading ${split(c.memory)}; at the end ${split(c.memoryAtEnd)}`);
const brief = (values) => (values.length ? `median ${ms(median(values))}, p95 ${ms(quantile(values, 0.95))} (${values.length})` : 'none');
for (const [name, s] of Object.entries(results)) {
  const changing = s.keys.filter((k) => k.changed).map((k) => k.ms);
  const keeping = s.keys.filter((k) => !k.changed).map((k) => k.ms);
  console.log(`${name} keystrokes that change the rows in view: ${brief(changing)}; that keep them: ${brief(keeping)}`);
}
