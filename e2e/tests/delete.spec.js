import { test, expect } from '@playwright/test';
import { connect, findRow, keyRows, resetEmulator, DEMO_KEY_COUNT, openMore } from '../support/console.js';
import { emulator } from '../support/emulator.js';

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await connect(page);
});

async function remaining(value) {
  const readAt = Date.now();
  const { status, body } = await emulator.api('GET', `/1/keys/${value}`);
  return status === 200 ? { key: body, expiresAt: body.validity ? readAt + body.validity * 1000 : null } : null;
}

test('delete asks first, naming the key, and the tray brings it back with its expiry', async ({ page }) => {
  const description = 'Dev sandbox (all dev indices)';
  const { value } = await emulator.keyByDescription(description);
  const before = await remaining(value);
  const row = await findRow(page, description);
  await row.getByRole('link').click();
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this key from E2EAPP?' });
  await expect(dialog).toContainText(`“${description}” (${value.slice(0, 4)}••••••••${value.slice(-4)})`);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Delete key' }).click();

  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
  await expect.poll(() => remaining(value)).toBeNull();
  const tray = page.getByRole('region', { name: /Recently deleted/ });
  await expect(tray).toContainText(description);
  await tray.getByRole('button', { name: `Restore “${description}”`, exact: false }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is back with its settings and expiry' })).toBeVisible({ timeout: 15_000 });
  await expect(tray).toBeHidden();

  await expect.poll(async () => (await remaining(value))?.key.validity ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
  const after = await remaining(value);
  expect(Math.abs(after.expiresAt - before.expiresAt)).toBeLessThan(3_000);
  const { validity: _a, ...settingsBefore } = before.key;
  const { validity: _b, ...settingsAfter } = after.key;
  expect(settingsAfter).toEqual(settingsBefore);
  await expect(await findRow(page, description)).toBeVisible();
});

test('bulk delete asks once, with the count', async ({ page }) => {
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('locale');
  await page.getByRole('checkbox', { name: 'Select Locale search DE' }).check();
  await page.getByRole('checkbox', { name: 'Select Locale search FR' }).check();
  await page.getByRole('button', { name: 'Delete selected (2)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete the selected keys from E2EAPP?' });
  await expect(dialog).toContainText('2 keys will stop working at once.');
  await dialog.getByRole('button', { name: 'Delete keys' }).click();
  await expect(page.getByRole('region', { name: 'Recently deleted (2)' })).toBeVisible();
  await expect.poll(async () => (await emulator.keys()).length).toBe(DEMO_KEY_COUNT - 2);
  await expect(keyRows(page)).toHaveCount(1, { timeout: 10_000 });
});

test('a dialog closes on Escape and deletes nothing', async ({ page }) => {
  await (await findRow(page, 'Docs site search')).getByRole('link').click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Delete key' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  expect((await emulator.keys()).length).toBe(DEMO_KEY_COUNT);
});

test('restore by value retries while the delete spreads, and explains a key that is gone', async ({ page }) => {
  const { value } = await emulator.keyByDescription('Usage reporting (finance)');
  await emulator.api('DELETE', `/1/keys/${value}`);
  await openMore(page, 'Restore a key');
  await page.getByLabel('Key value').fill(value);
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await remaining(value))?.key.description).toBe('Usage reporting (finance)');

  await page.getByLabel('Key value').fill('0'.repeat(32));
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('alert')).toContainText('no deleted key has this value');
  await expect(page.getByRole('alert')).toContainText('last 1,000 deleted keys');
});

test('restoring right after a delete retries while "Key already exists", and says so', async ({ page }) => {
  const { value } = await emulator.keyByDescription('Logs reader for on-call');
  await emulator.setPropagation(2_500);
  await emulator.api('DELETE', `/1/keys/${value}`);
  await openMore(page, 'Restore a key');
  await page.getByLabel('Key value').fill(value);
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'the deletion is spreading. Retrying in' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible({ timeout: 15_000 });
});

test('a key whose expiry passed in the tray is restored only after asking', async ({ page }) => {
  const description = "Alice's dev key";
  const { value } = await emulator.keyByDescription(description);
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Forty-five minutes pass below: the session must not lock itself meanwhile.
  await connect(page, { idleMinutes: 1440 });
  await (await findRow(page, description)).getByRole('link').click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete key' }).click();
  const tray = page.getByRole('region', { name: /Recently deleted/ });
  await expect(tray).toContainText(description);
  await page.clock.install();
  await page.clock.fastForward('45:00');
  await emulator.advanceClock(45 * 60);
  await tray.getByRole('button', { name: /Restore/ }).click();
  const ask = page.getByRole('dialog', { name: 'Its expiry has passed' });
  await expect(ask).toContainText('Restore it never expiring?');
  await ask.getByRole('button', { name: 'Restore without expiry' }).click();
  await expect.poll(async () => (await remaining(value))?.key.description, { timeout: 15_000 }).toBe(description);
  expect((await remaining(value)).key.validity).toBe(0);
});

