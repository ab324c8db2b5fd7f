import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { ADMIN_KEY } from '../support/constants.js';
import { connect, findRow, resetEmulator, openMore } from '../support/console.js';
import { emulator } from '../support/emulator.js';

// The project's own copy of the vectors from Algolia's client test suite.
const { vectors } = JSON.parse(readFileSync(new URL('../../tests/fixtures/secured-key-vectors.json', import.meta.url)));

test.use({ timezoneId: 'UTC' });

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await connect(page);
  await openMore(page, 'Secured keys');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Secured API keys');
});

const securedKey = (page) => page.getByLabel('Secured API key');

/** A secured key as Algolia's helpers make it, from the query string the page shows. */
const sign = (parent, query) => Buffer.from(createHmac('sha256', parent).update(query).digest('hex') + query).toString('base64');

/** The demo's search keys, in the order the console lists them (creation order). */
const searchKeys = async () => (await emulator.keys()).filter((key) => key.acl.includes('search'));

/** Deletes a key from its page, then comes back to the secured keys; the list reloads later. */
async function deleteThenComeBack(page, description) {
  await page.getByRole('link', { name: '← All keys' }).click();
  await (await findRow(page, description)).getByRole('link').click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete this key from E2EAPP?' }).getByRole('button', { name: 'Delete key' }).click();
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
  await openMore(page, 'Secured keys');
}

test('a key built in the form matches Algolia\'s vectors', async ({ page }) => {
  const [withRestrictions, without] = vectors;
  await page.getByLabel('Or paste a parent key').fill(without.parentApiKey);
  await expect(page.getByText('No restriction is set')).toBeVisible();
  await expect(securedKey(page)).toHaveText(without.securedKey);

  await page.getByLabel('Or paste a parent key').fill(withRestrictions.parentApiKey);
  await page.getByLabel('restrictIndices', { exact: true }).fill('Movies');
  await page.getByRole('button', { name: 'Add index' }).click();
  await page.getByLabel('validUntil').fill('2050-01-01T00:00');
  await expect(page.getByText('2524608000 (Unix seconds)')).toBeVisible();
  // The vector's validUntil is 2524604400, an hour earlier: set it exactly.
  await page.getByLabel('validUntil').fill('2049-12-31T23:00');
  await expect(page.getByLabel('Decoded query string')).toHaveText(withRestrictions.queryString);
  await expect(securedKey(page)).toHaveText(withRestrictions.securedKey);
  await expect(page.getByText('No restriction is set')).toBeHidden();
  await expect(page.getByLabel('JavaScript snippet')).toContainText('"restrictIndices": [');
  await expect(page.getByLabel('JavaScript snippet')).not.toContainText(withRestrictions.parentApiKey);
});

test('a key built in the UI can be inspected and verified', async ({ page }) => {
  const parent = 'parent-key-for-the-inspect-test';
  await page.getByLabel('Or paste a parent key').fill(parent);
  await page.getByLabel('filters').fill('brand:"Acme & Co" AND price=10');
  await page.getByLabel('userToken').fill('utilisateur café');
  await page.getByLabel('restrictIndices', { exact: true }).fill('prod_*');
  await page.getByLabel('restrictIndices', { exact: true }).press('Enter');
  await page.getByLabel('validUntil').fill('2099-06-01T12:00');
  const built = await securedKey(page).textContent();

  await page.getByLabel('Secured key to inspect').fill(built);
  const table = page.getByRole('table', { name: 'Restrictions' });
  await expect(table.getByRole('row', { name: /filters/ })).toContainText('brand:"Acme & Co" AND price=10');
  await expect(table.getByRole('row', { name: /userToken/ })).toContainText('utilisateur café');
  await expect(table.getByRole('row', { name: /restrictIndices/ })).toContainText('prod_*');
  await expect(page.getByText(/Valid until 2099-06-01 12:00 UTC — in \d+ days/)).toBeVisible();
  await page.getByLabel('Parent key, to verify the signature (optional)').fill(parent);
  await expect(page.getByText('The signature matches this parent key.')).toBeVisible();
  await page.getByLabel('Parent key, to verify the signature (optional)').fill('another key');
  await expect(page.getByText('The signature does not match this parent key')).toBeVisible();
});

test('an expired secured key is shown as expired', async ({ page }) => {
  const [, , expired] = vectors;
  await page.getByLabel('Secured key to inspect').fill(expired.securedKey);
  await expect(page.getByText(/Valid until 1970-01-01 00:00 UTC — expired/)).toHaveClass(/expired/);
});

test('the admin key and secured keys are refused as parents, and bad input is explained', async ({ page }) => {
  await page.getByLabel('Or paste a parent key').fill(ADMIN_KEY);
  await expect(page.getByLabel('Or paste a parent key')).toHaveAccessibleDescription(/This is the admin key/);
  await expect(page.getByText('Choose or paste a parent key to see the secured key.')).toBeVisible();
  await page.getByLabel('Or paste a parent key').fill(vectors[0].securedKey);
  await expect(page.getByLabel('Or paste a parent key')).toHaveAccessibleDescription(/This is a secured key/);
  await page.getByLabel('restrictSources').fill('10.0.0.1/8');
  await expect(page.getByLabel('restrictSources')).toHaveAccessibleDescription(/10.0.0.0\/8/);

  await page.getByLabel('Secured key to inspect').fill('definitely not a key');
  await expect(page.getByLabel('Secured key to inspect')).toHaveAccessibleDescription(/not a secured API key/);
});

test('a parent chosen from the application warns of patterns outside its indices', async ({ page }) => {
  const parent = await emulator.keyByDescription('Customer portal parent key (for secured keys)');
  await page.getByLabel('Parent key', { exact: true }).selectOption(parent.value);
  await expect(page.getByText('The parent key is now in this page.')).toBeVisible();
  await page.getByLabel('restrictIndices', { exact: true }).fill('dev_*');
  await page.getByRole('button', { name: 'Add index' }).click();
  await expect(page.getByLabel('restrictIndices', { exact: true })).toHaveAccessibleDescription(/Outside the parent key's own indices/);
});

test('the Python snippet keeps the words of a filter as they are typed', async ({ page }) => {
  await page.getByLabel('Or paste a parent key').fill('parent-key-for-the-snippet-test');
  await page.getByLabel('filters').fill('on_sale:true AND NOT archived:false');
  const filter = '"filters": "on_sale:true AND NOT archived:false"';
  await expect(page.getByLabel('Python snippet')).toContainText(filter);
  await expect(page.getByLabel('Python snippet')).not.toContainText('True');
  await expect(page.getByLabel('JavaScript snippet')).toContainText(filter);
  await expect(page.getByText("Algolia's Python client also escapes")).toBeHidden();
});

test('a restrictSources or an index pattern Algolia may not match is warned about, and the key is made', async ({ page }) => {
  const parent = 'parent-key-for-the-warning-test';
  await page.getByLabel('Or paste a parent key').fill(parent);
  const sources = page.getByLabel('restrictSources');
  await sources.fill('office-network');
  await expect(sources).toHaveAccessibleDescription(/not an IPv4 address or range.*Algolia accepts it as it is, but it may match nothing/);
  await expect(sources).not.toHaveAttribute('aria-invalid', 'true');
  await expect(securedKey(page)).toHaveText(sign(parent, 'restrictSources=office-network'));

  const indices = page.getByLabel('restrictIndices', { exact: true });
  await indices.fill('dev_*_products');
  await page.getByRole('button', { name: 'Add index' }).click();
  await expect(page.getByRole('list', { name: 'Chosen index patterns' })).toContainText('dev_*_products');
  await expect(indices).toHaveAccessibleDescription(/a \* may stand only at the start or the end.*Algolia accepts it as it is/);
  const query = 'restrictIndices=dev_*_products&restrictSources=office-network';
  await expect(page.getByLabel('Decoded query string')).toHaveText(query);
  await expect(securedKey(page)).toHaveText(sign(parent, query));
  // Python's urlencode writes the * as %2A: another text for the same restrictions.
  await expect(page.getByText("Algolia's Python client also escapes ! ' ( ) * in the query string")).toBeVisible();
});

test('the chosen parent stays chosen when the key list reloads', async ({ page }) => {
  // Deleting a key listed before the chosen one moves every option after it up by one.
  const [gone, , parent] = await searchKeys();
  await emulator.setPropagation(3_000);
  await deleteThenComeBack(page, gone.description);
  const choice = page.getByLabel('Parent key', { exact: true });
  await choice.selectOption(parent.value);
  await expect(choice.getByRole('option', { name: gone.description })).toHaveCount(1);
  const built = await securedKey(page).textContent();

  // Once the delete has spread, the console reloads the list.
  await expect(choice.getByRole('option', { name: gone.description })).toHaveCount(0, { timeout: 15_000 });
  await expect(choice).toHaveValue(parent.value);
  await expect(securedKey(page)).toHaveText(built);
  await expect(choice).toHaveAccessibleDescription('');
});

test('a chosen parent deleted meanwhile is said to be gone, and nothing is signed with it', async ({ page }) => {
  const [, parent] = await searchKeys();
  await emulator.setPropagation(3_000);
  await deleteThenComeBack(page, parent.description);
  const choice = page.getByLabel('Parent key', { exact: true });
  await choice.selectOption(parent.value);
  await expect(securedKey(page)).toBeVisible();

  await expect(choice).toHaveAccessibleDescription(/no longer among the application's search keys/, { timeout: 15_000 });
  await expect(securedKey(page)).toBeHidden();
  await expect(page.getByText('Choose or paste a parent key to see the secured key.')).toBeVisible();
});
