import { test, expect } from '@playwright/test';
import { connect, findRow, resetEmulator, watchForErrors } from '../support/console.js';
import { emulator } from '../support/emulator.js';

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await connect(page);
});

/** A key as the emulator holds it, read with the admin key, and when it expires. */
async function readKey(value) {
  const readAt = Date.now();
  const { status, body } = await emulator.api('GET', `/1/keys/${value}`);
  expect(status).toBe(200);
  return { key: body, expiresAt: body.validity ? readAt + body.validity * 1000 : null };
}

async function openEdit(page, description) {
  const row = await findRow(page, description);
  await row.getByRole('link').click();
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Edit “${description}”`);
}

test('an edit that changes only the description leaves every other field as it was, expiry instant included', async ({ page }) => {
  const description = 'Campaign landing page (Black Friday)';
  const { value } = await emulator.keyByDescription(description);
  const before = await readKey(value);
  await openEdit(page, description);
  // The form stays open a while: the expiry must not move with it.
  await page.waitForTimeout(2_000);
  await page.getByLabel('Description').fill('Campaign landing page (Cyber Monday)');
  await page.getByRole('button', { name: 'Review changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Review changes' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row')).toHaveCount(2);
  await expect(dialog.getByRole('row').nth(1)).toContainText('Description');
  await expect(dialog).not.toContainText('widens');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\/console\/apps\/E2EAPP\/keys\/[0-9a-f]{12}$/);
  await expect(page.getByRole('status').filter({ hasText: 'Updating…' })).toBeVisible();

  await expect.poll(async () => (await readKey(value)).key.description).toBe('Campaign landing page (Cyber Monday)');
  const after = await readKey(value);
  const { description: _a, validity: _b, ...restBefore } = before.key;
  const { description: _c, validity: _d, ...restAfter } = after.key;
  expect(restAfter).toEqual(restBefore);
  expect(Math.abs(after.expiresAt - before.expiresAt)).toBeLessThan(2_500);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Campaign landing page (Cyber Monday)');
});

test('fields the console does not know survive an edit', async ({ page }) => {
  const created = await emulator.api('POST', '/1/keys', {
    acl: ['search'], description: 'Has a future field', futureSetting: { mode: 'strict', level: 3 },
  });
  await emulator.advanceClock(1);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await openEdit(page, 'Has a future field');
  await page.getByLabel('Description').fill('Still has a future field');
  await page.getByRole('button', { name: 'Review changes' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(async () => (await readKey(created.body.key)).key.description).toBe('Still has a future field');
  expect((await readKey(created.body.key)).key.futureSetting).toEqual({ mode: 'strict', level: 3 });
});

test('a description-only edit sends the forced query parameters back byte for byte, and reviews the description alone', async ({ page }) => {
  // Written by hand, as a script or Algolia's dashboard might: `:` unescaped, a space as `+`.
  const queryParameters = 'filters=brand:Acme&query=a+b';
  const created = await emulator.api('POST', '/1/keys', {
    acl: ['search'], description: 'Hand-written parameters', queryParameters,
  });
  expect(created.status).toBe(200);
  await emulator.advanceClock(1);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await openEdit(page, 'Hand-written parameters');
  await expect(page.getByLabel('Value of query')).toHaveValue('a b');
  await page.getByLabel('Description').fill('Hand-written parameters, renamed');
  await page.getByRole('button', { name: 'Review changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Review changes' });
  await expect(dialog.getByRole('row')).toHaveCount(2);
  await expect(dialog.getByRole('rowheader')).toHaveText(['Description']);
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(async () => (await readKey(created.body.key)).key.description).toBe('Hand-written parameters, renamed');
  expect((await readKey(created.body.key)).key.queryParameters).toBe(queryParameters);
});

test('editing one forced query parameter encodes that pair alone, and the review shows it', async ({ page }) => {
  const created = await emulator.api('POST', '/1/keys', {
    acl: ['search'], description: 'One pair edited', queryParameters: 'filters=brand:Acme&query=a+b',
  });
  await emulator.advanceClock(1);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await openEdit(page, 'One pair edited');
  await page.getByLabel('Value of query').fill('a c');
  await page.getByRole('button', { name: 'Review changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Review changes' });
  await expect(dialog.getByRole('rowheader')).toHaveText(['Forced query parameters']);
  await expect(dialog.getByRole('row').nth(1)).toContainText('filters=brand:Acme&query=a c');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(async () => (await readKey(created.body.key)).key.queryParameters)
    .toBe('filters=brand:Acme&query=a%20c');
});

test('a change that widens access is named before saving, and cancelling saves nothing', async ({ page }) => {
  const description = 'Partner portal search (office network only)';
  const { value } = await emulator.keyByDescription(description);
  await openEdit(page, description);
  await page.getByRole('checkbox', { name: 'addObject' }).check();
  await page.getByRole('button', { name: 'Remove prod_products' }).click();
  await page.getByLabel('Max hits per query').fill('0');
  await page.getByRole('radio', { name: 'Never' }).check();
  await page.getByRole('button', { name: 'Review changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Review changes' });
  await expect(dialog).toContainText('This change widens what the key can do');
  await expect(dialog).toContainText('Adds the permission “addObject”');
  await expect(dialog).toContainText('Removes the index restriction');
  await expect(dialog).toContainText('Removes the limit on max hits per query (was 100)');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const { key } = await readKey(value);
  expect(key.acl).toEqual(['search']);
  expect(key.indexes).toEqual(['prod_products']);
  await expect(page.getByRole('checkbox', { name: 'addObject' })).toBeChecked();
});

test('bad input is explained at each field and nothing is sent', async ({ page }) => {
  await page.getByRole('link', { name: 'New key' }).click();
  await page.getByLabel('Indices', { exact: true }).fill('dev_*_products');
  await page.getByRole('button', { name: 'Add index' }).click();
  await expect(page.getByLabel('Indices', { exact: true })).toHaveAccessibleDescription(/only at the start or the end/);
  await expect(page.getByLabel('Indices', { exact: true })).toHaveValue('dev_*_products');
  await page.getByRole('button', { name: 'Add parameter' }).click();
  await page.getByLabel('Parameter name').fill('restrictSources');
  await page.getByLabel('Value of restrictSources').fill('192.168.1.7/24');
  await page.getByLabel('Max queries per IP per hour').fill('many');
  await page.getByRole('checkbox', { name: 'search', exact: true }).uncheck();
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('group', { name: 'Permissions (ACL)' })).toHaveAccessibleDescription(/at least one permission/);
  await expect(page.getByRole('group', { name: 'Forced query parameters' })).toHaveAccessibleDescription(/192.168.1.0\/24/);
  await expect(page.getByLabel('Max queries per IP per hour')).toHaveAccessibleDescription(/whole number/);
  expect((await emulator.keys()).length).toBe(31);
});

test('a 400 from the server is shown at the form, with the input kept', async ({ page }) => {
  await openEdit(page, 'Docs site search');
  await page.getByLabel('Description').fill('Docs search, renamed');
  await page.getByRole('button', { name: 'Review changes' }).click();
  await emulator.fault(0, 'status', { status: 400, count: 1 });
  await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert')).toContainText('Algolia refused the request (HTTP 400)');
  await expect(page.getByLabel('Description')).toHaveValue('Docs search, renamed');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit “Docs site search”');
  await expect(page.getByRole('button', { name: 'Review changes' })).toBeEnabled();
});

test('a 5xx on the primary host still saves, through a fallback', async ({ page }) => {
  const { value } = await emulator.keyByDescription('Docs site search');
  await openEdit(page, 'Docs site search');
  await page.getByLabel('Description').fill('Docs search via fallback');
  await page.getByRole('button', { name: 'Review changes' }).click();
  await emulator.fault(0, 'status', { status: 503, count: 10 });
  await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Docs search via fallback', { timeout: 15_000 });
  await emulator.clearFaults();
  expect((await readKey(value)).key.description).toBe('Docs search via fallback');
});

test('creating a key shows its value, applies, and the key appears in the table', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('link', { name: 'New key' }).click();
  await page.getByLabel('Description').fill('Mobile checkout search');
  await page.getByRole('button', { name: 'Search-only' }).click();
  await page.getByLabel('Indices', { exact: true }).fill('prod_*');
  await page.getByLabel('Indices', { exact: true }).press('Enter');
  await expect(page.getByText(/Matches \d+ of 20 indices: prod_products,/)).toBeVisible();
  await page.getByLabel('Referers', { exact: true }).fill('https://m.example.com/*');
  await page.getByRole('button', { name: 'Add referer' }).click();
  await page.getByLabel('Test a URL against the referers').fill('https://m.example.com/cart');
  await expect(page.getByText('Allowed by “https://m.example.com/*”.')).toBeVisible();
  await page.getByRole('button', { name: 'Add parameter' }).click();
  await page.getByLabel('Parameter name').fill('filters');
  await page.getByLabel('Value of filters').fill('brand:"Acme & Co"');
  await page.getByLabel('Max hits per query').fill('50');
  await expect(page.getByText('(at most 50)')).toBeVisible();
  await page.getByRole('radio', { name: 'After' }).check();
  await page.getByLabel('Duration', { exact: true }).fill('2');
  await page.getByLabel('Duration unit').selectOption('hours');
  await expect(page.getByText(/The key will expire at .* \(in (1 h 59|2 h 0) min\)/)).toBeVisible();
  await page.getByRole('button', { name: 'Create key' }).click();

  const created = page.getByRole('region', { name: 'Key created' });
  await expect(created.getByRole('status')).toHaveText(/Applying…/);
  const value = await created.locator('code').textContent();
  expect(value).toMatch(/^[0-9a-f]{32}$/);
  await expect(created.getByRole('status')).toHaveText(/Ready/);
  await created.getByRole('button', { name: 'Copy' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);

  const { key } = await readKey(value);
  expect(key.acl).toEqual(['search']);
  expect(key.indexes).toEqual(['prod_*']);
  expect(key.referers).toEqual(['https://m.example.com/*']);
  expect(key.queryParameters).toBe('filters=brand%3A%22Acme%20%26%20Co%22');
  expect(key.maxHitsPerQuery).toBe(50);
  expect(key.validity).toBeGreaterThan(7_190);
  await created.getByRole('link', { name: 'All keys' }).click();
  await expect(await findRow(page, 'Mobile checkout search')).toBeVisible();
});

test('duplicate as new starts from the key', async ({ page }) => {
  const row = await findRow(page, 'Locale search FR');
  await row.getByRole('link').click();
  await page.getByRole('link', { name: 'Duplicate as new' }).click();
  await expect(page.getByLabel('Description')).toHaveValue('Copy of Locale search FR');
  await expect(page.getByRole('button', { name: 'Remove prod_fr_*' })).toBeVisible();
  await expect(page.getByLabel('Max queries per IP per hour')).toHaveValue('2000');
  await page.getByRole('button', { name: 'Create key' }).click();
  const created = page.getByRole('region', { name: 'Key created' });
  await expect(created.getByRole('status')).toHaveText(/Ready/);
  const { key } = await readKey(await created.locator('code').textContent());
  const original = await emulator.keyByDescription('Locale search FR');
  expect(key.referers).toEqual(original.referers);
  expect(key.indexes).toEqual(original.indexes);
  expect(key.maxQueriesPerIPPerHour).toBe(2000);
});

test('leaving a form with unsaved changes asks first', async ({ page }) => {
  await openEdit(page, 'Docs site search');
  await page.getByLabel('Description').fill('Half-typed');
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByRole('link', { name: '← Back without saving' }).click();
  await expect(page.getByLabel('Description')).toHaveValue('Half-typed');
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByRole('link', { name: 'Keys console' }).click();
  await expect(page.getByLabel('Description')).toHaveValue('Half-typed');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('link', { name: '← Back without saving' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Docs site search');
});

test("the browser's Back button asks before leaving unsaved changes too", async ({ page }) => {
  await openEdit(page, 'Docs site search');
  const formUrl = page.url();
  await page.getByLabel('Description').fill('Half-typed');
  let asked = 0;
  page.once('dialog', (dialog) => { asked += 1; dialog.dismiss(); });
  await page.goBack();
  await expect.poll(() => asked).toBe(1);
  await expect(page.getByLabel('Description')).toHaveValue('Half-typed');
  await expect(page).toHaveURL(formUrl);
  page.once('dialog', (dialog) => { asked += 1; dialog.accept(); });
  await page.goBack();
  await expect.poll(() => asked).toBe(2);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Docs site search');
  await expect(page.getByLabel('Description')).toHaveCount(0);
});

test('query parameters that do not parse are kept as text until rewritten as rows, which works', async ({ page }) => {
  const errors = watchForErrors(page);
  await emulator.setPropagation(0);
  const { status } = await emulator.api('POST', '/1/keys', {
    acl: ['search'], description: 'Raw params check', queryParameters: 'filters=100%&flag',
  });
  expect(status).toBe(200);
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  const row = await findRow(page, 'Raw params check');
  await row.getByRole('link', { name: 'Raw params check' }).click();
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByText(/These parameters are not name=value pairs this console can edit/)).toBeVisible();
  await expect(page.locator('pre.raw')).toHaveText('filters=100%&flag');
  await expect(page.getByRole('button', { name: 'Add parameter' })).toHaveCount(0);
  // The rows are made by the click, and outlive the raw text's view they replace.
  await page.getByRole('button', { name: 'Rewrite as editable rows' }).click();
  await expect(page.locator('pre.raw')).toHaveCount(0);
  await expect(page.getByLabel('Parameter name')).toHaveCount(2);
  await page.getByLabel('Parameter name').first().fill('filters2');
  await expect(page.getByLabel('Parameter name').first()).toHaveValue('filters2');
  await page.getByRole('button', { name: 'Add parameter' }).click();
  await expect(page.getByLabel('Parameter name')).toHaveCount(3);
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(page.getByRole('dialog', { name: 'Review changes' })).toContainText('Forced query parameters');
  expect(errors).toEqual([]);
});
