import { test, expect } from '@playwright/test';
import { connect, findRow, keyRows, resetEmulator, DEMO_KEY_COUNT } from '../support/console.js';
import { emulator } from '../support/emulator.js';

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await connect(page);
});

test('the view state lives in the URL and back/forward walk it', async ({ page }) => {
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('locale');
  await expect(page).toHaveURL(/\/console\/apps\/E2EAPP\/keys\?q=locale$/);
  await page.getByRole('button', { name: 'Description' }).click();
  await expect(page).toHaveURL(/sort=description/);
  await page.getByLabel('Has ACL').selectOption('search');
  await expect(page).toHaveURL(/acl=search/);

  await page.goBack();
  await expect(page).not.toHaveURL(/acl=/);
  await expect(page.getByLabel('Has ACL')).toHaveValue('');
  await page.goBack();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(page.getByRole('searchbox', { name: 'Search keys' })).toHaveValue('locale');
  await page.goForward();
  await expect(page).toHaveURL(/sort=description/);
  await expect(keyRows(page).first()).toContainText('Locale search DE');
});

test('a deep link opens the same view', async ({ page }) => {
  await page.goto('apps/E2EAPP/keys?q=dev&expiry=7d&sort=expiry');
  await expect(page.getByRole('searchbox', { name: 'Search keys' })).toHaveValue('dev');
  await expect(page.getByLabel('Expiry', { exact: true })).toHaveValue('7d');
  await expect(page.getByRole('columnheader', { name: 'Expires' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(keyRows(page).first()).toContainText("Alice's dev key");
  await expect(page.getByRole('status')).toHaveText(`4 of ${DEMO_KEY_COUNT} keys`);
});

test('each key has a detail route named by a short hash, never by its value', async ({ page }) => {
  const key = await emulator.keyByDescription('Partner portal search (office network only)');
  const row = await findRow(page, 'Partner portal search (office network only)');
  await row.getByRole('link').click();
  await expect(page).toHaveURL(/\/console\/apps\/E2EAPP\/keys\/[0-9a-f]{12}$/);
  expect(page.url()).not.toContain(key.value);
  const details = page.getByRole('definition');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partner portal search (office network only)');
  await expect(page.getByText('search — Run search queries')).toBeVisible();
  await expect(page.getByText('prod_products — the index “prod_products”')).toBeVisible();
  await expect(page.getByText('Any referer (no HTTP referer restriction).')).toBeVisible();
  await expect(page.getByText('restrictSources = 192.168.1.0/24')).toBeVisible();
  await expect(details.filter({ hasText: /^100$/ })).toBeVisible();
  await expect(details.filter({ hasText: /^no limit$/ })).toBeVisible();
  await expect(details.filter({ hasText: 'never' })).toBeVisible();

  const detailUrl = page.url();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partner portal search (office network only)');
  await page.goBack();
  await expect(page).toHaveURL(/\/console\/apps\/E2EAPP\/keys\?q=/);
  await expect(keyRows(page)).toHaveCount(1);
  await page.goForward();
  await expect(page).toHaveURL(detailUrl);
  await page.getByRole('link', { name: '← All keys' }).click();
  await expect(page.getByRole('status')).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);
});

test('a detail link to a key that is gone says so', async ({ page }) => {
  await page.goto('apps/E2EAPP/keys/000000000000');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Key not found');
});

test('an unknown path gets a page of its own', async ({ page }) => {
  await page.goto('no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('a link away from unsaved changes asks first, and stays when told to', async ({ page }) => {
  await page.getByRole('link', { name: 'New key' }).click();
  await page.getByLabel('Description').fill('Half-typed key');
  const asked = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.message());
    // The first question is refused, the second accepted.
    return asked.length === 1 ? dialog.dismiss() : dialog.accept();
  });

  await page.getByRole('link', { name: 'Keys console' }).click();
  expect(asked).toEqual(['Leave this form? Your changes will be lost.']);
  await expect(page).toHaveURL(/\/console\/apps\/E2EAPP\/keys\/new$/);
  await expect(page.getByLabel('Description')).toHaveValue('Half-typed key');

  await page.getByRole('link', { name: '← Back without saving' }).click();
  expect(asked).toHaveLength(2);
  await expect(page.getByRole('status')).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);
  await page.goBack();
  await expect(page).toHaveURL(/\/console\/apps\/E2EAPP\/keys\/new$/);
});

test('links that open elsewhere are left to the browser', async ({ page }) => {
  // A modified click on an app link opens a new tab at the link and leaves this page where it is.
  // The new tab has no session of its own (a tab's sessionStorage is not shared), so its console
  // moves on to the connect form: what counts is the address the browser opened.
  const [popup] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('link', { name: 'New key' }).click({ modifiers: ['ControlOrMeta'] }),
  ]);
  await popup.waitForLoadState();
  const openedAt = await popup.evaluate(() => performance.getEntriesByType('navigation')[0].name);
  expect(openedAt).toMatch(/\/console\/apps\/E2EAPP\/keys\/new$/);
  await popup.close();
  await expect(page).toHaveURL(/\/console\/apps\/E2EAPP\/keys$/);
  await expect(page.getByRole('status')).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);
});

test('a link to the page already shown adds no history entry', async ({ page }) => {
  const row = await findRow(page, 'Partner portal search (office network only)');
  await row.getByRole('link').click();
  await page.getByRole('link', { name: '← All keys' }).click();
  await expect(page).toHaveURL(/\/console\/apps\/E2EAPP\/keys$/);
  await page.getByRole('link', { name: 'Keys console' }).click();
  await page.goBack();
  await expect(page).toHaveURL(/\/console\/apps\/E2EAPP\/keys\/[0-9a-f]{12}$/);
});
