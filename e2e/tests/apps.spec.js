// Several applications in one tab: prod and staging, each its own emulator with its own admin key.
import { test, expect } from '@playwright/test';
import {
  ADMIN_KEY, APP_ID, APPS, HOSTS, STAGING_ADMIN_KEY, STAGING_APP_ID, STAGING_HOSTS,
} from '../support/constants.js';
import {
  connect, connectBoth, fillConnectForm, findRow, keyRows, resetEmulator, DEMO_KEY_COUNT, STAGING_DEMO_KEY_COUNT,
} from '../support/console.js';
import { emulator, stagingEmulator } from '../support/emulator.js';

test.beforeEach(resetEmulator);

const shows = (count) => `${count} of ${count} keys`;
const storage = (page) => page.evaluate(() => JSON.stringify({ ...sessionStorage }));

test('two applications side by side: each labelled, in its own URL, switched from the header', async ({ page }) => {
  await connectBoth(page);
  await expect(page).toHaveURL(new RegExp(`/console/apps/${STAGING_APP_ID}/keys$`));
  const header = page.getByRole('banner');
  await expect(header).toContainText('staging');
  await expect(header).toContainText(STAGING_APP_ID);
  const switcher = page.getByRole('navigation', { name: 'Applications' });
  await expect(switcher.getByRole('link')).toHaveText(['prod', 'staging']);
  await expect(switcher.getByRole('link', { name: 'staging' })).toHaveAttribute('aria-current', 'page');

  await switcher.getByRole('link', { name: 'prod' }).click();
  await expect(page).toHaveURL(new RegExp(`/console/apps/${APP_ID}/keys$`));
  await expect(page.getByRole('status')).toHaveText(shows(DEMO_KEY_COUNT));
  await expect(header).toContainText('prod');

  await page.goBack();
  await expect(page.getByRole('status')).toHaveText(shows(STAGING_DEMO_KEY_COUNT));
  await page.goForward();
  await expect(page.getByRole('status')).toHaveText(shows(DEMO_KEY_COUNT));

  // A deep link names its application, and a reload keeps both connected.
  await page.goto(`apps/${STAGING_APP_ID}/keys?q=QA`);
  await expect(page.getByRole('searchbox', { name: 'Search keys' })).toHaveValue('QA');
  await expect(keyRows(page).first()).toContainText('QA automation');
  await page.goto(`apps/${APP_ID}/keys?q=QA`);
  await expect(page.getByRole('status')).toHaveText(`0 of ${DEMO_KEY_COUNT} keys`);
});

// `make run` serves local-demo.json beside the build; the suite's nginx does not, so the browser is
// given the same file, in the shape scripts/run.sh writes.
test('"Open the local demo" connects both demo applications with their labels and colours', async ({ page }) => {
  await page.route('**/local-demo.json', (route) => route.fulfill({ json: APPS }));
  await page.goto('./');
  await page.getByRole('button', { name: 'Open the local demo (prod, staging)' }).click();
  await expect(page).toHaveURL(new RegExp(`/console/apps/${APP_ID}/keys$`));
  await expect(page.getByRole('status')).toHaveText(shows(DEMO_KEY_COUNT));
  await expect(page.getByRole('banner')).toHaveClass(/colour-red/);
  const switcher = page.getByRole('navigation', { name: 'Applications' });
  await switcher.getByRole('link', { name: 'staging' }).click();
  await expect(page.getByRole('status')).toHaveText(shows(STAGING_DEMO_KEY_COUNT));
  await expect(page.getByRole('banner')).toHaveClass(/colour-green/);
});

test('a label is unique, and a link to an application not connected says so', async ({ page }) => {
  await connect(page, { label: 'prod' });
  await page.goto(`apps/${STAGING_APP_ID}/keys`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Application not connected');
  await page.getByRole('link', { name: 'Connect an application' }).click();
  await fillConnectForm(page, { appId: STAGING_APP_ID, apiKey: STAGING_ADMIN_KEY, hosts: STAGING_HOSTS, label: 'PROD' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByLabel('Label')).toHaveAccessibleDescription(/Another application is labelled “PROD”/);
});

test('a delete names its application, and each application has its own tray', async ({ page }) => {
  await connectBoth(page);
  const row = await findRow(page, 'Staging smoke tests');
  await row.getByRole('link').click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Delete this key from staging (${STAGING_APP_ID})?` });
  await dialog.getByRole('button', { name: 'Delete key' }).click();
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
  await expect(page.getByRole('region', { name: /Recently deleted/ })).toContainText('Staging smoke tests');

  await page.getByRole('navigation', { name: 'Applications' }).getByRole('link', { name: 'prod' }).click();
  await expect(page.getByRole('status')).toHaveText(shows(DEMO_KEY_COUNT));
  await expect(page.getByRole('region', { name: /Recently deleted/ })).toHaveCount(0);
});

test('a write in one application runs to its end while another is shown', async ({ page }) => {
  await connectBoth(page);
  const switcher = page.getByRole('navigation', { name: 'Applications' });
  await switcher.getByRole('link', { name: 'prod' }).click();
  await expect(page.getByRole('status')).toHaveText(shows(DEMO_KEY_COUNT));
  // Prod's host holds the delete for two seconds, while staging is on screen.
  await emulator.fault(0, 'hang', { method: 'DELETE', hangMs: 2_000 });
  const row = await findRow(page, "Bob's dev key");
  await row.getByRole('link').click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Delete this key from prod (${APP_ID})?` });
  await dialog.getByRole('button', { name: 'Delete key' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Deleting…');
  await page.getByRole('banner').getByRole('link', { name: 'staging' }).click();
  await expect(page.getByRole('status')).toHaveText(shows(STAGING_DEMO_KEY_COUNT));

  // It ends in prod: the key is gone there, in prod's tray, and staging is untouched.
  await expect.poll(async () => (await emulator.keys()).some((k) => k.description === "Bob's dev key"), { timeout: 10_000 }).toBe(false);
  await expect(page.getByRole('region', { name: /Recently deleted/ })).toHaveCount(0);
  expect((await stagingEmulator.keys()).length).toBe(STAGING_DEMO_KEY_COUNT);
  await switcher.getByRole('link', { name: 'prod' }).click();
  await expect(page.getByRole('region', { name: /Recently deleted/ })).toContainText("Bob's dev key");
});

test('sign out forgets one application or all', async ({ page }) => {
  await connectBoth(page);
  expect(await storage(page)).toContain(STAGING_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign out' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out' });
  await dialog.getByRole('button', { name: `Forget only staging (${STAGING_APP_ID})` }).click();
  await expect(page).toHaveURL(new RegExp(`/console/apps/${APP_ID}/keys$`));
  await expect(page.getByRole('navigation', { name: 'Applications' }).getByRole('link')).toHaveText(['prod']);
  const left = await storage(page);
  expect(left).not.toContain(STAGING_ADMIN_KEY);
  expect(left).not.toContain(STAGING_APP_ID);
  expect(left).toContain(ADMIN_KEY);

  await page.getByRole('link', { name: 'Add application' }).click();
  await fillConnectForm(page, { appId: STAGING_APP_ID, apiKey: STAGING_ADMIN_KEY, hosts: STAGING_HOSTS, label: 'staging' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('dialog', { name: 'Sign out' }).getByRole('button', { name: 'Forget all 2 applications' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connect to an Algolia application');
  expect(await storage(page)).toBe('{}');
});

test('the idle lock locks every application', async ({ page }) => {
  await page.clock.install();
  await connectBoth(page);
  await page.clock.fastForward('15:10');
  await expect(page.getByRole('heading', { name: 'Session locked' })).toBeVisible();
  const stored = await storage(page);
  expect(stored).not.toContain(ADMIN_KEY);
  expect(stored).not.toContain(STAGING_ADMIN_KEY);

  await page.goto(`apps/${APP_ID}/keys`);
  await expect(page.getByRole('heading', { name: 'Session locked' })).toBeVisible();
  await expect(page.getByText(`Enter the admin API key of prod (${APP_ID}) to unlock it.`)).toBeVisible();
  await page.getByLabel('Admin API key').fill(ADMIN_KEY);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('status')).toHaveText(shows(DEMO_KEY_COUNT));
  await page.getByRole('navigation', { name: 'Applications' }).getByRole('link', { name: 'staging' }).click();
  await expect(page.getByRole('heading', { name: 'Session locked' })).toBeVisible();
});

test('neither admin key is in a URL, localStorage, a cookie or the console, and each goes only to its own hosts', async ({ page, context }) => {
  const leaks = [];
  const sentTo = { [ADMIN_KEY]: new Set(), [STAGING_ADMIN_KEY]: new Set() };
  const secret = (text) => [ADMIN_KEY, STAGING_ADMIN_KEY].some((key) => text.includes(key));
  page.on('console', (message) => { if (secret(message.text())) leaks.push(`console: ${message.text()}`); });
  page.on('framenavigated', (frame) => { if (secret(frame.url())) leaks.push(`navigation: ${frame.url()}`); });
  page.on('request', (request) => {
    if (secret(request.url())) leaks.push(`url: ${request.url()}`);
    const key = request.headers()['x-algolia-api-key'];
    if (key !== undefined) (sentTo[key] ?? (sentTo[key] = new Set())).add(new URL(request.url()).origin);
  });

  await connectBoth(page);
  await page.getByRole('navigation', { name: 'Applications' }).getByRole('link', { name: 'prod' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('status')).toHaveText(shows(DEMO_KEY_COUNT));
  await page.reload();
  await expect(page.getByRole('status')).toHaveText(shows(DEMO_KEY_COUNT));
  await page.goto(`apps/${STAGING_APP_ID}/keys`);
  await expect(page.getByRole('status')).toHaveText(shows(STAGING_DEMO_KEY_COUNT));
  // The pages that work on both: a comparison, and a copy from one to the other.
  await page.goto(`apps/${STAGING_APP_ID}/compare/${APP_ID}`);
  await expect(page.getByRole('group', { name: 'Show' })).toContainText('Only in prod (6)');
  await page.getByRole('list', { name: 'Only in prod: keys' }).getByRole('checkbox', { name: "Select Bob's dev key" }).check();
  await page.getByRole('button', { name: 'Copy 1 selected to staging' }).click();
  await page.getByRole('button', { name: `Copy 1 key to staging (${STAGING_APP_ID})` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'created,' })).toHaveText('1 created, 0 failed, 0 to go.');

  expect(leaks).toEqual([]);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).toBe('{}');
  expect(secret(JSON.stringify(await context.cookies()))).toBe(false);
  expect(Object.keys(sentTo).sort()).toEqual([ADMIN_KEY, STAGING_ADMIN_KEY].sort());
  expect([...sentTo[ADMIN_KEY]].every((origin) => HOSTS.includes(origin))).toBe(true);
  expect([...sentTo[STAGING_ADMIN_KEY]].every((origin) => STAGING_HOSTS.includes(origin))).toBe(true);
  expect(sentTo[ADMIN_KEY].size).toBeGreaterThan(0);
  expect(sentTo[STAGING_ADMIN_KEY].size).toBeGreaterThan(0);
});
