// Keys copied from one application to another: prod to staging, each its own emulator.
import { test, expect } from '@playwright/test';
import { APP_ID, STAGING_APP_ID } from '../support/constants.js';
import { connectBoth, findRow, resetEmulator, watchForErrors, STAGING_DEMO_KEY_COUNT } from '../support/console.js';
import { emulator, stagingEmulator } from '../support/emulator.js';

test.beforeEach(resetEmulator);

const COPIED = ["Alice's dev key", "Bob's dev key", 'Campaign landing page (Black Friday)'];
const lines = (page) => page.getByRole('list', { name: 'Each key' }).locator(':scope > li');
const line = (page, name) => lines(page).filter({ hasText: name });

/** The settings of a key as the API lists it, without what the service assigns. */
function settings({ value, createdAt, validity, ...rest }) {
  return { ...rest, expires: validity > 0 };
}

test('copy from the comparison: a failure and a lost answer, then a retry, and nothing created twice', async ({ page }) => {
  const errors = watchForErrors(page);
  await connectBoth(page);
  await page.goto(`apps/${APP_ID}/compare/${STAGING_APP_ID}`);
  const onlyProd = page.getByRole('list', { name: 'Only in prod: keys' });
  for (const name of COPIED) await onlyProd.getByRole('checkbox', { name: `Select ${name}` }).check();
  await page.getByRole('button', { name: 'Copy 3 selected to staging' }).click();
  await expect(page).toHaveURL(new RegExp(`/console/apps/${APP_ID}/copy/${STAGING_APP_ID}\\?keys=`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Copy 3 keys from prod');
  // Staging has no dev_alice_* index: the copy would reach nothing through that restriction.
  await expect(page.getByRole('note')).toContainText("Alice's dev key: dev_alice_* matches no index of staging.");

  // The first create is refused; the second is applied but its answer is lost, and the new key
  // takes a few seconds to be listed, so the check right after does not find it.
  await stagingEmulator.fault(0, 'status', { status: 400, method: 'POST', pathContains: '/1/keys' });
  await stagingEmulator.fault(0, 'truncated', { method: 'POST', pathContains: '/1/keys' });
  await stagingEmulator.setPropagation(4_000);
  await page.getByRole('button', { name: `Copy 3 keys to staging (${STAGING_APP_ID})` }).click();

  await expect(page.getByRole('status').filter({ hasText: 'created,' })).toHaveText('1 created, 2 failed, 0 to go.', { timeout: 15_000 });
  await expect(line(page, COPIED[0])).toContainText('Failed');
  await expect(line(page, COPIED[1])).toContainText('may or may not have been applied');
  await expect(line(page, COPIED[2])).toContainText('Created');
  await expect(page.getByRole('alert')).toContainText('1 of 3 keys created; 2 failed. Retry sends only those.');

  // Once the lost one is listed, a retry finds it instead of creating it again.
  await expect.poll(async () => (await stagingEmulator.keys()).length, { timeout: 10_000 }).toBe(STAGING_DEMO_KEY_COUNT + 2);
  await stagingEmulator.setPropagation(0);
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'created,' })).toHaveText('3 created, 0 failed, 0 to go.');
  for (const name of COPIED) await expect(line(page, name)).toContainText('Created');

  // Exactly one copy of each, with the original's settings; the values shown are the new keys'.
  const staging = await stagingEmulator.keys();
  expect(staging).toHaveLength(STAGING_DEMO_KEY_COUNT + 3);
  for (const name of COPIED) {
    const copies = staging.filter((k) => k.description === name);
    expect(copies, name).toHaveLength(1);
    const original = await emulator.keyByDescription(name);
    expect(settings(copies[0])).toEqual(settings(original));
    await expect(line(page, name).locator('code')).toHaveText(copies[0].value);
    expect(copies[0].value).not.toBe(original.value);
  }
  expect(errors).toEqual([]);

  // The comparison no longer lists them as only in prod.
  await page.goto(`apps/${APP_ID}/compare/${STAGING_APP_ID}`);
  await expect(page.getByRole('group', { name: 'Show' })).toContainText('Only in prod (3)');
});

test('copy from the keys table to an application chosen on the copy page', async ({ page }) => {
  await connectBoth(page);
  await page.getByRole('navigation', { name: 'Applications' }).getByRole('link', { name: 'prod' }).click();
  const row = await findRow(page, "Bob's dev key");
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Copy selected (1)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Copy 1 key from prod');
  await page.getByLabel('Copy to').selectOption({ label: `staging (${STAGING_APP_ID})` });
  // The page is a deep link: after a reload it waits for prod's list, then plans the same copy.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Copy 1 key from prod');
  await page.getByRole('button', { name: `Copy 1 key to staging (${STAGING_APP_ID})` }).click();
  await expect(line(page, "Bob's dev key")).toContainText('Created');
  await page.getByRole('link', { name: 'Open the keys of staging' }).click();
  await expect(page.getByRole('status').first()).toHaveText(`${STAGING_DEMO_KEY_COUNT + 1} of ${STAGING_DEMO_KEY_COUNT + 1} keys`);
});
