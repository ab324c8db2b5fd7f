// Every screen: each route at a phone's width and a laptop's, in light and dark, with no sideways
// scrolling and no axe-core violation; every route at the widths in between with no sideways
// scrolling; the keys table's chips, times and headings never clipped without their marker, from
// 390 to 1920 px; a screenshot of each for a person to look at (test-results/screens/).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test, expect } from '@playwright/test';
import { APP_ID, STAGING_APP_ID } from '../support/constants.js';
import { connectBoth, findRow, resetEmulator } from '../support/console.js';

const require = createRequire(import.meta.url);
// Evaluated in the page rather than added as a script tag, which the console's Content Security
// Policy refuses.
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Each route of the console (its key pages for the demo key `hash`). */
function routes(hash) {
  const app = `apps/${APP_ID}`;
  return {
    connect: './add',
    keys: `./${app}/keys`,
    key: `./${app}/keys/${hash}`,
    edit: `./${app}/keys/${hash}/edit`,
    new: `./${app}/keys/new`,
    restore: `./${app}/keys/restore`,
    secured: `./${app}/keys/secured`,
    audit: `./${app}/audit`,
    roll: `./${app}/roll?keys=${hash}`,
    compare: `./${app}/compare/${STAGING_APP_ID}`,
    copy: `./${app}/copy/${STAGING_APP_ID}?keys=${hash}`,
    export: `./${app}/export`,
    import: `./${app}/import`,
    'not-found': './nowhere',
  };
}

/** Connects both demo applications and returns the short hash of a demo key with findings. */
async function setUp(page) {
  await resetEmulator();
  await connectBoth(page);
  await page.goto(`./apps/${APP_ID}/keys`);
  const name = "Alice's dev key";
  const row = await findRow(page, name);
  const href = await row.getByRole('link', { name, exact: true }).getAttribute('href');
  return href.split('/keys/')[1];
}

/** The axe-core violations on the page, one line each. */
async function axeViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

/** How far the page scrolls sideways, in CSS pixels. */
function sidewaysScroll(page) {
  return page.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);
}

for (const { size, width, height } of [{ size: 'phone', width: 390, height: 844 }, { size: 'laptop', width: 1280, height: 800 }]) {
  for (const scheme of ['light', 'dark']) {
    test(`every route at ${width} px in ${scheme}: no sideways scroll, no axe violation`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      // The connect page as a new tab shows it, before any application.
      await page.goto('./');
      await expect(page.getByRole('heading', { name: 'Connect to an Algolia application' })).toBeVisible();
      expect.soft(await sidewaysScroll(page), 'first connect scrolls sideways').toBe(0);
      expect.soft(await axeViolations(page), 'first connect: axe').toEqual([]);
      await page.screenshot({ path: `test-results/screens/first-connect-${size}-${scheme}.png`, fullPage: true });
      const hash = await setUp(page);
      for (const [name, path] of Object.entries(routes(hash))) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        // The page's data (the keys, the other application's keys) has arrived.
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
        expect.soft(await sidewaysScroll(page), `${name} scrolls sideways`).toBe(0);
        expect.soft(await axeViolations(page), `${name}: axe`).toEqual([]);
        await page.screenshot({ path: `test-results/screens/${name}-${size}-${scheme}.png`, fullPage: true });
      }
    });
  }
}

test('the dialogs pass axe in light and dark', async ({ page }) => {
  const hash = await setUp(page);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`./apps/${APP_ID}/keys/${hash}`);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect.soft(await axeViolations(page), `delete dialog, ${scheme}`).toEqual([]);
    await page.screenshot({ path: `test-results/screens/delete-dialog-${scheme}.png` });
    await page.keyboard.press('Escape');

    await page.goto(`./apps/${APP_ID}/keys/${hash}/edit`);
    await page.getByLabel('Description').fill('Alice, reviewed');
    await page.getByRole('button', { name: /Review/ }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect.soft(await axeViolations(page), `review dialog, ${scheme}`).toEqual([]);
    await page.screenshot({ path: `test-results/screens/review-dialog-${scheme}.png` });
    await page.keyboard.press('Escape');

    await page.goto(`./apps/${APP_ID}/keys`);
    await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    expect.soft(await axeViolations(page), `shortcuts dialog, ${scheme}`).toEqual([]);
    await page.screenshot({ path: `test-results/screens/shortcuts-dialog-${scheme}.png` });
    await page.keyboard.press('Escape');
  }
});

test('at every width the table clips no chip, time or heading, a text cut short shows itself on hover, and "+N" counts the chips left out', async ({ page }) => {
  test.setTimeout(120_000);
  await setUp(page);
  await page.goto(`./apps/${APP_ID}/keys`);
  for (const width of [390, 768, 1024, 1280, 1440, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible();
    // After the resize is measured and the rows are drawn again.
    await page.waitForTimeout(300);
    const report = await page.evaluate(() => {
      const overflows = (el) => el.scrollWidth > el.clientWidth + 1;
      const clipped = [];
      const uncounted = [];
      // A heading wider than its column would run into the next one (those hidden on a phone,
      // for screen readers only, are one pixel wide on purpose).
      for (const th of document.querySelectorAll('.keys th')) {
        if (th.clientWidth > 1 && overflows(th)) clipped.push(`heading: ${th.textContent}`);
      }
      for (const row of document.querySelectorAll('.keys tbody tr[data-pos]')) {
        for (const el of row.querySelectorAll('.chips, .chip, time, .expiry')) {
          if (overflows(el)) clipped.push(`${el.className || el.tagName}: ${el.textContent}`);
        }
        // A text that ends in an ellipsis shows itself whole on hover.
        const cutShort = (el, shown) => overflows(el) && shown.title !== shown.textContent;
        for (const el of row.querySelectorAll('.two-lines span, .key-text')) {
          if (cutShort(el, el)) clipped.push(`no title: ${el.textContent}`);
        }
        // A cell cut short: only where what it cuts has a title (the description's link, the
        // masked value). Inline contents such as times and badges have no width of their own to
        // compare, so the cell is what is measured.
        for (const td of row.querySelectorAll('td')) {
          const right = td.getBoundingClientRect().right;
          for (const control of td.querySelectorAll('button, input')) {
            if (control.getBoundingClientRect().right > right + 1) clipped.push(`control cut: ${control.outerHTML}`);
          }
          if (!overflows(td)) continue;
          const titled = td.querySelector('a[title], .key-text');
          if (!titled || titled.title !== titled.textContent) clipped.push(`cell cut short: ${td.textContent}`);
        }
        // Every ACL is either a chip or counted in "+N".
        const list = row.querySelector('.chips');
        const all = list.getAttribute('aria-label').replace(/^ACL: /, '').split(', ').filter(Boolean);
        const chips = list.querySelectorAll('.chip:not(.more)').length;
        const more = Number(list.querySelector('.chip.more')?.textContent.slice(1) ?? 0);
        if (chips + more !== all.length) uncounted.push(list.textContent);
      }
      return { clipped, uncounted };
    });
    expect.soft(report.clipped, `clipped at ${width} px`).toEqual([]);
    expect.soft(report.uncounted, `chips not counted at ${width} px`).toEqual([]);
    expect.soft(await sidewaysScroll(page), `sideways at ${width} px`).toBe(0);
    await page.screenshot({ path: `test-results/screens/keys-${width}.png` });
  }
});

test('no route scrolls sideways at the widths in between', async ({ page }) => {
  test.setTimeout(120_000);
  const hash = await setUp(page);
  for (const width of [768, 1024, 1440, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, path] of Object.entries(routes(hash))) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect.soft(await sidewaysScroll(page), `${name} at ${width} px`).toBe(0);
    }
  }
});
