import { test, expect } from '@playwright/test';
import { connect, findRow, keyRows, resetEmulator, DEMO_KEY_COUNT } from '../support/console.js';
import { emulator } from '../support/emulator.js';

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await connect(page);
});

const count = (page) => page.getByRole('status');

test('each row shows the key masked, its description, ACL, scope, limits, age and expiry', async ({ page }) => {
  const row = await findRow(page, 'Partner portal search (office network only)');
  const key = await emulator.keyByDescription('Partner portal search (office network only)');
  await expect(row).toContainText(`${key.value.slice(0, 4)}••••••••${key.value.slice(-4)}`);
  await expect(row).not.toContainText(key.value);
  await expect(row.getByRole('list', { name: 'ACL: search' })).toBeVisible();
  await expect(row).toContainText('prod_products');
  await expect(row).toContainText('100 hits per query');
  // The table's short forms, which fit their columns.
  await expect(row.getByRole('cell').nth(7)).toHaveText(/^\d+ mo$/);
  await expect(row).toContainText('never');
  const expiring = await findRow(page, "Alice's dev key");
  await expect(expiring.getByRole('cell').nth(8)).toHaveText(/^3\d min \d+ s$/);
});

test('search filters as you type across description, value, ACL, indices and referers', async ({ page }) => {
  const search = page.getByRole('searchbox', { name: 'Search keys' });
  await search.fill('locale');
  await expect(count(page)).toHaveText(`3 of ${DEMO_KEY_COUNT} keys`);
  await search.fill('dev_alice');
  await expect(count(page)).toHaveText(`1 of ${DEMO_KEY_COUNT} keys`);
  await search.fill('https://docs.example.com');
  await expect(keyRows(page)).toHaveCount(1);
  await expect(keyRows(page).first()).toContainText('Docs site search');
  const key = await emulator.keyByDescription('Usage reporting (finance)');
  await search.fill(key.value.slice(5, 20));
  await expect(keyRows(page)).toHaveCount(1);
  await search.fill('editsettings');
  await expect(count(page)).toHaveText(`4 of ${DEMO_KEY_COUNT} keys`);
  await search.fill('no such key anywhere');
  await expect(page.getByText('No key matches this search and these filters.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'API keys' })).toBeHidden();
  // The table comes back, rows and all, as soon as something matches again.
  await search.fill('locale');
  await expect(keyRows(page)).toHaveCount(3);
  await expect(page.getByText('No key matches this search and these filters.')).toBeHidden();
  await search.fill('no such key anywhere');
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(count(page)).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);
  await expect(search).toHaveValue('');
});

test('sorting by description, created and time left', async ({ page }) => {
  const first = () => keyRows(page).first();
  await page.getByRole('button', { name: 'Description' }).click();
  await expect(page.getByRole('columnheader', { name: 'Description' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(first()).toContainText('AI search inference');
  await page.getByRole('button', { name: 'Description' }).click();
  await expect(page.getByRole('columnheader', { name: 'Description' })).toHaveAttribute('aria-sort', 'descending');
  await expect(first()).toContainText('Website search (www.example.com)');
  await page.getByRole('button', { name: 'Expires' }).click();
  await expect(first()).toContainText("Alice's dev key");
  await page.getByRole('button', { name: 'Created' }).click();
  await expect(first()).toContainText('Preview deployments');
  await page.getByRole('button', { name: 'Created' }).click();
  await expect(first()).toContainText('Legacy reindex script (DO NOT USE)');
});

test('filters: has ACL, expiring within 7 or 30 days, never expires, unrestricted', async ({ page }) => {
  await page.getByLabel('Has ACL').selectOption('analytics');
  await expect(count(page)).toHaveText(`2 of ${DEMO_KEY_COUNT} keys`);
  await page.getByLabel('Has ACL').selectOption('');
  await page.getByLabel('Expiry', { exact: true }).selectOption({ label: 'Expiring within 7 days' });
  await expect(count(page)).toHaveText(`6 of ${DEMO_KEY_COUNT} keys`);
  await page.getByLabel('Expiry', { exact: true }).selectOption({ label: 'Expiring within 30 days' });
  await expect(count(page)).toHaveText(`8 of ${DEMO_KEY_COUNT} keys`);
  await page.getByLabel('Expiry', { exact: true }).selectOption({ label: 'Never expires' });
  await expect(count(page)).toHaveText(`23 of ${DEMO_KEY_COUNT} keys`);
  await page.getByLabel('Unrestricted only').check();
  await expect(count(page)).toHaveText(`9 of ${DEMO_KEY_COUNT} keys`);
  await expect(page).toHaveURL(/expiry=never/);
  await expect(page).toHaveURL(/unrestricted=1/);
});

test('reveal shows the key for a few seconds; copy puts it on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const key = await emulator.keyByDescription('Docs site search');
  const row = await findRow(page, 'Docs site search');
  await row.getByRole('button', { name: 'Reveal' }).click();
  await expect(row).toContainText(key.value);
  await expect(row.getByRole('button', { name: 'Hide' })).toHaveAttribute('aria-pressed', 'true');
  await expect(row).not.toContainText(key.value, { timeout: 12_000 });
  await row.getByRole('button', { name: 'Copy' }).click();
  await expect(row.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key.value);
});

test('"/" focuses the search and the rows can be walked with the keyboard', async ({ page }) => {
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search keys' })).toBeFocused();
  await page.keyboard.type('locale');
  await expect(keyRows(page)).toHaveCount(3);
  await keyRows(page).first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(keyRows(page).nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(keyRows(page).nth(2)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(keyRows(page).first()).toBeFocused();
  const description = await keyRows(page).first().getByRole('link').textContent();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(description);
});

test('the table is one tab stop: a row\'s controls are reached with the arrow keys', async ({ page }) => {
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('locale');
  await expect(keyRows(page)).toHaveCount(3);
  // From Refresh, the toolbar's last control, Tab lands on the first row, not in it.
  await page.getByRole('button', { name: 'Refresh', exact: true }).focus();
  await page.keyboard.press('Tab');
  const first = keyRows(page).first();
  await expect(first).toBeFocused();
  // The next Tab leaves the table.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement.closest('table') === null)).toBe(true);

  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect(first.getByRole('checkbox')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(first.getByRole('button', { name: 'Reveal' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(first.getByRole('button', { name: 'Copy' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(first.getByRole('button', { name: 'Reveal' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(first).toBeFocused();
  await page.keyboard.press('Space');
  await expect(first.getByRole('checkbox')).toBeChecked();
  await expect(page.getByRole('button', { name: 'Delete selected (1)' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(first.getByRole('checkbox')).not.toBeChecked();

  // Up from the first row: the sort buttons, walked sideways, then back down.
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('button', { name: 'Description' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('button', { name: 'Findings' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/sort=risk/);
  await page.keyboard.press('ArrowDown');
  await expect(keyRows(page).first()).toBeFocused();
});

test('the whole keys page takes at most 15 Tab presses', async ({ page }) => {
  await page.evaluate(() => document.activeElement?.blur());
  const stops = [];
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      return el === document.body || el === null ? null : `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent.slice(0, 40)}`;
    });
    if (stop === null) break;
    stops.push(stop);
  }
  expect(stops.length, stops.join('\n')).toBeLessThanOrEqual(15);
  expect(stops.at(-1)).toMatch(/^TR /);
});

test('two quick ArrowDown presses move two rows', async ({ page }) => {
  for (let round = 0; round < 5; round += 1) {
    await keyRows(page).first().focus();
    // Sent back to back, without waiting for the first to be handled.
    await Promise.all([page.keyboard.press('ArrowDown'), page.keyboard.press('ArrowDown')]);
    await expect(page.locator('tbody tr:focus')).toHaveAttribute('aria-rowindex', '4');
    await page.keyboard.press('Home');
  }
});

test('a reload that renders the rows afresh keeps the keyboard in the table', async ({ page }) => {
  await keyRows(page).nth(2).focus();
  // Refresh clicked without taking the focus, as a reload after a write does.
  await page.getByRole('button', { name: 'Refresh', exact: true }).evaluate((button) => button.click());
  await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toBeEnabled();
  await expect(keyRows(page).first()).toBeFocused();
  await Promise.all([page.keyboard.press('ArrowDown'), page.keyboard.press('ArrowDown')]);
  await expect(page.locator('tbody tr:focus')).toHaveAttribute('aria-rowindex', '4');
});

test('"?" lists the keyboard shortcuts in a dialog that Escape closes', async ({ page }) => {
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Select the key');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // In the search box "?" is just a character.
  await page.getByRole('searchbox', { name: 'Search keys' }).press('?');
  await expect(page.getByRole('searchbox', { name: 'Search keys' })).toHaveValue('?');
  await expect(dialog).toBeHidden();
});

test('a long list renders only the rows in view, and scrolling or the keyboard brings the right ones', async ({ page }) => {
  const bulk = 300;
  await emulator.setPropagation(0);
  await Promise.all(Array.from({ length: bulk }, (_, i) => emulator.api('POST', '/1/keys', {
    acl: ['search'], description: `Bulk key ${String(i).padStart(3, '0')}`,
  })));
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  const total = DEMO_KEY_COUNT + bulk;
  await expect(count(page)).toHaveText(`${total} of ${total} keys`);
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('Bulk key');
  await page.getByRole('button', { name: 'Description' }).click();
  await expect(count(page)).toHaveText(`${bulk} of ${total} keys`);
  const table = page.getByRole('table', { name: 'API keys' });
  await expect(table).toHaveAttribute('aria-rowcount', String(bulk + 1));
  await expect(keyRows(page).first()).toContainText('Bulk key 000');
  expect(await keyRows(page).count()).toBeLessThan(30);

  // The wheel moves the view 150 rows down: the rows there are rendered, the first ones are not.
  await table.hover();
  await page.mouse.wheel(0, 150 * 56);
  await expect(keyRows(page).filter({ hasText: 'Bulk key 152' })).toBeInViewport();
  await expect(keyRows(page).filter({ hasText: 'Bulk key 000' })).toHaveCount(0);
  expect(await keyRows(page).count()).toBeLessThan(30);

  await keyRows(page).filter({ hasText: 'Bulk key 152' }).focus();
  await page.keyboard.press('End');
  const last = keyRows(page).filter({ hasText: 'Bulk key 299' });
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await expect(last).toHaveAttribute('aria-rowindex', String(bulk + 1));
  await page.keyboard.press('Home');
  await expect(keyRows(page).first()).toBeFocused();
  await expect(keyRows(page).first()).toContainText('Bulk key 000');
});

test('refresh reloads the list, and a failure offers a retry', async ({ page }) => {
  await emulator.api('POST', '/1/keys', { acl: ['search'], description: 'Made behind the console' });
  await emulator.advanceClock(1);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(count(page)).toHaveText(`${DEMO_KEY_COUNT + 1} of ${DEMO_KEY_COUNT + 1} keys`);
  // Aimed at the key list: Refresh reads the index names too, which must not take these faults.
  for (const listener of [0, 1, 2]) {
    await emulator.fault(listener, 'status', { status: 503, count: 1, method: 'GET', pathContains: '/1/keys' });
  }
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('alert')).toContainText('No host answered');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(count(page)).toHaveText(`${DEMO_KEY_COUNT + 1} of ${DEMO_KEY_COUNT + 1} keys`);
});

test('one odd key does not break the list: it is listed with a warning and is not offered for editing', async ({ page }) => {
  const isoDate = await emulator.keyByDescription('Docs site search');
  const wrongType = await emulator.keyByDescription('Locale search FR');
  // What the browser receives is rewritten, as a proxy or a change of the API would: the emulator
  // itself only returns well-typed keys.
  await page.route((url) => url.pathname === '/1/keys', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    for (const key of body.keys) {
      if (key.value === isoDate.value) key.createdAt = '2023-11-14T22:13:20Z';
      if (key.value === wrongType.value) key.maxQueriesPerIPPerHour = 'lots';
    }
    body.keys.push({ description: 'an entry without a key value' });
    await route.fulfill({ response, json: body });
  });
  await page.getByRole('button', { name: 'Refresh' }).click();

  const odd = await findRow(page, 'Locale search FR');
  await expect(odd.getByRole('img', { name: 'Not fully read: maxQueriesPerIPPerHour' })).toBeVisible();
  await expect(odd).toContainText('prod_fr_*');
  const dated = await findRow(page, 'Docs site search');
  await expect(dated.getByTitle('2023-11-14 22:13 UTC')).toBeVisible();
  await expect(dated.getByRole('img')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('');
  await expect(count(page)).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);
  await expect(page.getByRole('note').filter({ hasText: '1 entry of the list could not be read' })).toBeVisible();

  await (await findRow(page, 'Locale search FR')).getByRole('link', { name: 'Locale search FR' }).click();
  const warning = page.getByRole('note', { name: 'Not fully read' });
  await expect(warning).toContainText('maxQueriesPerIPPerHour: expected a whole number, 0 or more, found the text “lots”.');
  await expect(page.getByRole('button', { name: 'Delete' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Duplicate as new' })).toHaveCount(0);

  await page.goto(`${page.url()}/edit`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This key cannot be edited here');
  await expect(page.getByRole('note', { name: 'Not fully read' })).toContainText('maxQueriesPerIPPerHour');
  await expect(page.getByLabel('Description')).toHaveCount(0);
});
