// No false success: a write whose answer cannot be read is checked, and the user told what the
// check showed; writes outlive their page; lock and sign-out forget what they should; waits say
// what they wait for.
import { test, expect } from '@playwright/test';
import { ADMIN_KEY, HOSTS } from '../support/constants.js';
import { connect, findRow, resetEmulator, openMore } from '../support/console.js';
import { emulator } from '../support/emulator.js';

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await connect(page);
});

const DESCRIPTION = 'Docs site search';
const tray = (page) => page.getByRole('region', { name: /Recently deleted/ });
const notice = (page, text) => page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: text });

async function openKey(page, description = DESCRIPTION) {
  await (await findRow(page, description)).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(description);
}

async function reviewDescriptionChange(page, description) {
  await openKey(page);
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Description').fill(description);
  await page.getByRole('button', { name: 'Review changes' }).click();
  return page.getByRole('dialog', { name: 'Review changes' });
}

async function deleteFromKeyPage(page) {
  await openKey(page);
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this key from E2EAPP?' });
  await dialog.getByRole('button', { name: 'Delete key' }).click();
  return dialog;
}

test.describe('an update whose answer cannot be read', () => {
  test('is not reported as saved when the change did not happen (a proxy answered)', async ({ page }) => {
    const { value } = await emulator.keyByDescription(DESCRIPTION);
    const dialog = await reviewDescriptionChange(page, 'Docs search, renamed');
    await emulator.fault(0, 'malformedJson', { method: 'PUT' });
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('its answer could not be read', { timeout: 15_000 });
    await expect(alert).toContainText('does not show the change, so it was not saved');
    await expect(page.getByLabel('Description')).toHaveValue('Docs search, renamed');
    await expect(page.getByText(/Applying|Updating…/)).toHaveCount(0);
    expect((await emulator.api('GET', `/1/keys/${value}`)).body.description).toBe(DESCRIPTION);

    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('dialog', { name: 'Review changes' }).getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Docs search, renamed', { timeout: 15_000 });
  });

  test('says it was saved once reading the key back shows the change', async ({ page }) => {
    const dialog = await reviewDescriptionChange(page, 'Docs search, cut short');
    await emulator.fault(0, 'truncated', { method: 'PUT' });
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(notice(page, 'its answer could not be read')).toContainText('the key now shows the change: it was saved', { timeout: 15_000 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Docs search, cut short');
  });
});

test.describe('a delete whose answer cannot be read', () => {
  test('puts nothing in the tray when the key is still there', async ({ page }) => {
    const { value } = await emulator.keyByDescription(DESCRIPTION);
    await emulator.fault(0, 'malformedJson', { method: 'DELETE' });
    const dialog = await deleteFromKeyPage(page);
    await expect(dialog.getByRole('alert')).toContainText('the key is still there, so it was not deleted', { timeout: 15_000 });
    await expect(dialog.getByRole('button', { name: 'Delete key' })).toBeEnabled();
    expect((await emulator.api('GET', `/1/keys/${value}`)).status).toBe(200);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('link', { name: '← All keys' }).click();
    await expect(tray(page)).toHaveCount(0);
  });

  test('puts the key in the tray once reading it back shows it gone', async ({ page }) => {
    await emulator.fault(0, 'truncated', { method: 'DELETE' });
    await deleteFromKeyPage(page);
    await expect(notice(page, 'its answer could not be read')).toContainText('is gone: it was deleted', { timeout: 15_000 });
    await expect(tray(page)).toContainText(DESCRIPTION);
  });
});

test('a restore from the tray whose answer cannot be read keeps the key in the tray', async ({ page }) => {
  const { value } = await emulator.keyByDescription(DESCRIPTION);
  await deleteFromKeyPage(page);
  await expect(tray(page)).toContainText(DESCRIPTION);
  await expect.poll(async () => (await emulator.api('GET', `/1/keys/${value}`)).status).toBe(404);
  await emulator.fault(0, 'malformedJson', { method: 'POST', pathContains: '/restore' });
  await tray(page).getByRole('button', { name: /^Restore/ }).click();
  await expect(notice(page, 'Could not restore')).toContainText('still not there, so it was not restored', { timeout: 15_000 });
  await expect(tray(page)).toContainText(DESCRIPTION);
  expect((await emulator.api('GET', `/1/keys/${value}`)).status).toBe(404);

  await tray(page).getByRole('button', { name: /^Restore/ }).click();
  await expect(notice(page, 'is back with its settings and expiry')).toBeVisible({ timeout: 15_000 });
  await expect(tray(page)).toHaveCount(0);
});

test('a tray restore whose settings step failed is retried without a second restore', async ({ page }) => {
  // A key that expires: a restore alone clears its expiry, so the settings step has work to do.
  const expiring = 'Dev sandbox (all dev indices)';
  const { value } = await emulator.keyByDescription(expiring);
  const before = (await emulator.api('GET', `/1/keys/${value}`)).body;
  expect(before.validity).toBeGreaterThan(0);
  await openKey(page, expiring);
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete this key from E2EAPP?' }).getByRole('button', { name: 'Delete key' }).click();
  await expect.poll(async () => (await emulator.api('GET', `/1/keys/${value}`)).status).toBe(404);
  await emulator.fault(0, 'malformedJson', { method: 'PUT' });
  await tray(page).getByRole('button', { name: /^Restore/ }).click();
  await expect(notice(page, 'putting its settings back did not finish')).toBeVisible({ timeout: 15_000 });
  await expect(tray(page)).toContainText(expiring);
  expect((await emulator.api('GET', `/1/keys/${value}`)).body.validity).toBe(0);

  // A second restore would meet this fault on every host and fail.
  for (const listener of [0, 1, 2]) await emulator.fault(listener, 'status', { status: 500, pathContains: '/restore' });
  await tray(page).getByRole('button', { name: /^Restore/ }).click();
  await expect(notice(page, 'is back with its settings and expiry')).toBeVisible({ timeout: 15_000 });
  await expect(tray(page)).toHaveCount(0);
  await expect.poll(async () => (await emulator.api('GET', `/1/keys/${value}`)).body.validity, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(Math.abs((await emulator.api('GET', `/1/keys/${value}`)).body.validity - before.validity)).toBeLessThan(30);
});

test('a restore by value whose answer cannot be read says what reading the key showed', async ({ page }) => {
  const { value } = await emulator.keyByDescription(DESCRIPTION);
  await emulator.api('DELETE', `/1/keys/${value}`);
  await expect.poll(async () => (await emulator.api('GET', `/1/keys/${value}`)).status).toBe(404);
  await openMore(page, 'Restore a key');
  await page.getByLabel('Key value').fill(value);
  await emulator.fault(0, 'malformedJson', { method: 'POST', pathContains: '/restore' });
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('still not there, so it was not restored', { timeout: 15_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toHaveCount(0);

  await emulator.fault(0, 'truncated', { method: 'POST', pathContains: '/restore' });
  await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'the key is back: it was restored' })).toBeVisible({ timeout: 15_000 });
  expect((await emulator.api('GET', `/1/keys/${value}`)).status).toBe(200);
});

test('a delete started on a page ends in the tray even after Back', async ({ page }) => {
  await emulator.fault(0, 'hang', { method: 'DELETE', hangMs: 2_000 });
  const dialog = await deleteFromKeyPage(page);
  await expect(dialog.getByRole('status')).toHaveText('Deleting…');
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
  await expect(notice(page, 'Key deleted. Undo from “Recently deleted”.')).toBeVisible({ timeout: 10_000 });
  await expect(tray(page)).toContainText(DESCRIPTION);
});

test('locking forgets the tray; signing out leaves other apps’ storage alone', async ({ page }) => {
  await page.clock.install();
  await page.reload();
  await deleteFromKeyPage(page);
  await expect(tray(page)).toContainText(DESCRIPTION);
  await page.clock.fastForward('16:00');
  await expect(page.getByRole('heading', { name: 'Session locked' })).toBeVisible();
  const stored = await page.evaluate(() => Object.keys(sessionStorage));
  expect(stored).not.toContain('keys-console.deleted.E2EAPP');
  await page.getByLabel('Admin API key').fill(ADMIN_KEY);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search keys' })).toBeVisible();
  await expect(tray(page)).toHaveCount(0);

  await page.evaluate(() => sessionStorage.setItem('another-app', 'kept'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Connect to an Algolia application' })).toBeVisible();
  expect(await page.evaluate(() => ({ ...sessionStorage }))).toEqual({ 'another-app': 'kept' });
});

test('a host that hangs is named while the save waits, then the next host saves', async ({ page }) => {
  test.setTimeout(90_000);
  const dialog = await reviewDescriptionChange(page, 'Docs search, after a hang');
  await emulator.fault(0, 'hang', { method: 'PUT', hangMs: 40_000 });
  // The next host answers after a few seconds, long enough to read what the wait says.
  await emulator.fault(1, 'hang', { method: 'PUT', hangMs: 4_000 });
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  const status = dialog.getByRole('status');
  await expect(status).toHaveText('Saving…');
  await expect(dialog.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  await expect(status).toContainText(`Host ${HOSTS[0]} is not answering`, { timeout: 8_000 });
  await expect(status).toContainText(`Host ${HOSTS[0]} did not answer in time; trying ${HOSTS[1]}`, { timeout: 40_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Docs search, after a hang', { timeout: 15_000 });
});

test('a 429 says to wait a moment, and Retry sends it again', async ({ page }) => {
  const dialog = await reviewDescriptionChange(page, 'Docs search, rate limited');
  await emulator.fault(0, 'rateLimit', { method: 'PUT' });
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Wait a moment, then retry');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('dialog', { name: 'Review changes' }).getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Docs search, rate limited', { timeout: 15_000 });
});
