// Two applications compared: prod and staging, each its own emulator, whose demo keys overlap with
// differences (emulator/src/seed.rs, `STAGING_KEYS`).
import { test, expect } from '@playwright/test';
import { APP_ID, STAGING_APP_ID } from '../support/constants.js';
import { connectBoth, resetEmulator, watchForErrors, DEMO_KEY_COUNT } from '../support/console.js';
import { emulator, stagingEmulator } from '../support/emulator.js';

test.beforeEach(resetEmulator);

const group = (page, name) => page.getByRole('region', { name: new RegExp(`^${name} \\(`) });
/** The keys of a group, one row each (their ACL chips are lists of their own). */
const rows = (page, name) => page.getByRole('list', { name: `${name}: keys` }).locator(':scope > li');

test('compare prod with staging: three groups, each pair with its differences, never a key value', async ({ page }) => {
  const errors = watchForErrors(page);
  await connectBoth(page);
  await page.getByRole('navigation', { name: 'Applications' }).getByRole('link', { name: 'prod' }).click();
  await page.getByRole('link', { name: 'Compare' }).click();
  await expect(page).toHaveURL(new RegExp(`/console/apps/${APP_ID}/compare$`));
  await page.getByLabel('Compare with').selectOption({ label: `staging (${STAGING_APP_ID})` });
  await expect(page).toHaveURL(new RegExp(`/console/apps/${APP_ID}/compare/${STAGING_APP_ID}$`));

  const show = page.getByRole('group', { name: 'Show' });
  await expect(show.getByRole('checkbox')).toHaveCount(4);
  await expect(show).toContainText('Only in prod (6)');
  await expect(show).toContainText('Only in staging (4)');
  await expect(show).toContainText('In both, different (13)');
  await expect(show).toContainText('In both, the same (12)');
  await expect(group(page, 'Only in prod')).toContainText("Alice's dev key");
  await expect(group(page, 'Only in staging')).toContainText('Staging smoke tests');
  // The same keys are hidden until asked for.
  await expect(group(page, 'In both, the same')).toHaveCount(0);
  await show.getByLabel(/In both, the same/).check();
  await expect(rows(page, 'In both, the same')).toHaveCount(12);

  // A pair lists what differs, field by field, prod's value beside staging's.
  const pair = rows(page, 'In both, different').filter({ hasText: 'Mobile app search' });
  await pair.getByText('1 field differs: Forced query parameters').click();
  const diff = pair.getByRole('table');
  await expect(diff.getByRole('columnheader')).toHaveText(['Field', 'prod', 'staging']);
  await expect(diff.getByRole('rowheader')).toHaveText(['Forced query parameters']);

  // Keys renamed between the two, with identical settings, are paired all the same.
  await expect(rows(page, 'In both, different').filter({ hasText: 'Customer portal parent key' }))
    .toContainText('1 field differs: Description');

  // The search narrows every group, pairs matching on either side.
  await page.getByLabel('Search', { exact: true }).fill('locale search');
  await expect(show).toContainText('In both, different (3)');
  await expect(show).toContainText('Only in prod (0)');
  await expect(group(page, 'Only in prod')).toContainText('None.');
  await page.getByLabel('Search', { exact: true }).fill('');
  await expect(show).toContainText('In both, different (13)');

  // Never a key value: neither application's.
  const text = await page.locator('main').innerText();
  for (const key of [...await emulator.keys(), ...await stagingEmulator.keys()]) {
    expect(text, 'a key value on the compare page').not.toContain(key.value);
  }
  // Each key links to its own page in its own application.
  const link = group(page, 'Only in staging').getByRole('link', { name: 'Staging smoke tests' });
  await expect(link).toHaveAttribute('href', new RegExp(`/console/apps/${STAGING_APP_ID}/keys/[0-9a-f]{12}$`));
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staging smoke tests');
  await page.goBack();
  await expect(show).toContainText('Only in staging (4)');
  expect(errors).toEqual([]);
});

test('a comparison follows a change: a key copied by hand leaves “only in”', async ({ page }) => {
  await connectBoth(page);
  await page.goto(`apps/${STAGING_APP_ID}/compare/${APP_ID}`);
  const show = page.getByRole('group', { name: 'Show' });
  await expect(show).toContainText('Only in prod (6)');
  // Bob's key made in staging by hand, with all its settings.
  const { value, createdAt, validity, ...settings } = await emulator.keyByDescription("Bob's dev key");
  const created = await stagingEmulator.api('POST', '/1/keys', { ...settings, validity });
  expect(created.status).toBe(200);
  await expect.poll(async () => (await stagingEmulator.keys()).length).toBe(30);
  // Opening the comparison again reads both lists afresh.
  await page.getByRole('navigation', { name: 'Applications' }).getByRole('link', { name: 'prod' }).click();
  await expect(page.getByRole('status')).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);
  await page.goBack();
  await expect(show).toContainText('Only in prod (5)');
  await expect(show).toContainText('In both, the same (13)');
});

test('compare needs a second application, and says when the other is not connected', async ({ page }) => {
  await connectBoth(page);
  await page.goto(`apps/${APP_ID}/compare/NOSUCHAPP`);
  await expect(page.getByRole('main')).toContainText('This tab is not connected to the application NOSUCHAPP');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('dialog', { name: 'Sign out' }).getByRole('button', { name: 'Forget only prod' }).click();
  await page.goto(`apps/${STAGING_APP_ID}/compare`);
  await expect(page.getByRole('main')).toContainText('This needs a second application. Add an application to compare with it.');
  await expect(page.getByRole('link', { name: 'Compare' })).toHaveCount(0);
});
