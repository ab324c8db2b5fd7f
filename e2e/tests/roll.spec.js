// Rolling a key: a new key with the old one's settings, then the old key's expiry shortened to a
// grace period; retire now, cancel, and a second step that fails and is retried.
import { createHash } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { APP_ID, LISTENERS } from '../support/constants.js';
import { connect, findRow, keyRows, resetEmulator, DEMO_KEY_COUNT } from '../support/console.js';
import { emulator } from '../support/emulator.js';

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await connect(page);
});

const DAY_S = 86_400;
const hashOf = (value) => createHash('sha256').update(value).digest('hex').slice(0, 12);
const lines = (page) => page.getByRole('list', { name: 'Each key' }).locator(':scope > li');

/** A key as the emulator holds it, or null once it is gone, and when it expires. */
async function readKey(value) {
  const readAt = Date.now();
  const { status, body } = await emulator.api('GET', `/1/keys/${value}`);
  return status === 200 ? { key: body, expiresAt: body.validity ? readAt + body.validity * 1000 : null } : null;
}

/** A key's settings: every field but what the service assigns or counts down. */
function settings({ value, createdAt, validity, ...rest }) {
  return rest;
}

async function keysDescribed(description) {
  return (await emulator.keys()).filter((k) => k.description === description);
}

/** Opens the key's page from the table, then its roll page. */
async function openRoll(page, description) {
  await (await findRow(page, description)).getByRole('link', { name: description, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(description);
  await page.getByRole('link', { name: 'Roll', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/console/apps/${APP_ID}/roll\\?keys=[0-9a-f]{12}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Roll 1 key');
}

// The grace period: 1 hour, 24 hours (the default), 7 days or a custom amount.
const graceSelect = (page) => page.getByLabel('The old keys stop working after');

/** Chooses one of the grace periods offered, or a custom amount ({ amount, unit }). */
async function chooseGrace(page, choice) {
  const custom = typeof choice === 'object';
  await graceSelect(page).selectOption({ label: custom ? 'Custom…' : choice });
  if (custom) {
    await page.getByLabel('Custom grace period').fill(choice.amount);
    await page.getByLabel('Unit', { exact: true }).selectOption(choice.unit);
  }
}

async function expectGrace(page, choice) {
  await expect(graceSelect(page).locator('option:checked')).toHaveText(choice);
}

/** Confirms the roll with the grace period chosen, and returns the confirmation's text. */
async function roll(page) {
  await page.getByRole('button', { name: 'Roll 1 key' }).click();
  const dialog = page.getByRole('dialog', { name: `Roll 1 key in ${APP_ID}?` });
  await expect(dialog).toBeVisible();
  const said = await dialog.textContent();
  await dialog.getByRole('button', { name: 'Roll', exact: true }).click();
  return said;
}

const tally = (page) => page.getByRole('status').filter({ hasText: 'stopped part-way' });

test('a roll makes a new key with identical settings, and the old key counts down its grace period', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const description = 'Storefront autocomplete';
  const old = await emulator.keyByDescription(description);
  expect(old.validity).toBe(0);
  await openRoll(page, description);
  await expectGrace(page, '24 hours');
  expect(await roll(page)).toContain('the old ones stop working in 24 h 0 min');
  const rolledAt = Date.now();

  await expect(tally(page)).toHaveText('1 rolled, 0 stopped part-way, 0 to go.', { timeout: 15_000 });
  const line = lines(page).filter({ hasText: description });
  await expect(line).toContainText('Rolled: the old key retires at');
  const shown = await line.locator('code').textContent();
  expect(shown).toMatch(/^[0-9a-f]{32}$/);
  expect(shown).not.toBe(old.value);
  await line.getByRole('button', { name: 'Copy' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);

  // Exactly one new key, the one shown, with every setting of the old one and no expiry. The
  // emulator, like Algolia, lists a write a moment after answering it.
  await expect.poll(async () => (await keysDescribed(description)).map((k) => k.value).sort()).toEqual([old.value, shown].sort());
  expect(await emulator.keys()).toHaveLength(DEMO_KEY_COUNT + 1);
  const created = (await readKey(shown)).key;
  expect(settings(created)).toEqual(settings(old));
  expect(Object.keys(created).sort()).toEqual(Object.keys(old).sort());
  expect(created.validity).toBe(0);

  // The old key: its settings untouched, its expiry now the grace period, counting down.
  await expect.poll(async () => (await readKey(old.value)).key.validity).toBeGreaterThan(0);
  const retiring = await readKey(old.value);
  expect(settings(retiring.key)).toEqual(settings(old));
  expect(Math.abs(retiring.expiresAt - (rolledAt + DAY_S * 1000))).toBeLessThan(15_000);
  await emulator.advanceClock(3_600);
  const later = (await readKey(old.value)).key.validity;
  expect(later).toBeLessThanOrEqual(retiring.key.validity - 3_600 + 1);
  expect(later).toBeGreaterThan(DAY_S - 3_600 - 60);

  // The new key's page says what it replaces; the table shows the old one retiring.
  await line.getByRole('link', { name: 'Open the new key' }).click();
  await expect(page).toHaveURL(new RegExp(`/keys/${hashOf(shown)}$`));
  await expect(page.getByRole('note')).toContainText('This key replaces a key rolled in this session.');
  await page.getByRole('link', { name: '← All keys' }).click();
  await page.getByRole('searchbox', { name: 'Search keys' }).fill(description);
  await expect(keyRows(page)).toHaveCount(2);
  const oldRow = keyRows(page).filter({ has: page.getByRole('link', { name: 'new key', exact: true }) });
  await expect(oldRow).toHaveCount(1);
  await expect(oldRow).toContainText(/retiring in 2[34] h \d+ min/);
  await expect(oldRow.getByRole('link', { name: 'new key', exact: true })).toHaveAttribute('href', new RegExp(`/keys/${hashOf(shown)}$`));
  const newRow = keyRows(page).filter({ has: page.getByRole('link', { name: 'replaces a rolled key' }) });
  await expect(newRow).toContainText('never');
  await expect(newRow).not.toContainText('retiring');

  // The links are kept in this tab's session: a reload still shows them.
  await page.reload();
  await page.getByRole('searchbox', { name: 'Search keys' }).fill(description);
  await expect(keyRows(page)).toHaveCount(2);
  await expect(oldRow).toContainText(/retiring in 2[34] h \d+ min/);
  await expect(newRow).toHaveCount(1);
});

test('retire now deletes the old key to the tray, and leaves the new one', async ({ page }) => {
  const description = 'Mobile app search';
  const old = await emulator.keyByDescription(description);
  await openRoll(page, description);
  await chooseGrace(page, '7 days');
  expect(await roll(page)).toContain('the old ones stop working in 7 days');
  await expect(tally(page)).toHaveText('1 rolled, 0 stopped part-way, 0 to go.', { timeout: 15_000 });
  const created = await lines(page).locator('code').textContent();
  await expect.poll(async () => (await readKey(old.value))?.key.validity).toBeGreaterThan(7 * DAY_S - 60);

  await lines(page).getByRole('link', { name: new RegExp(description) }).click();
  await expect(page).toHaveURL(new RegExp(`/keys/${hashOf(old.value)}$`));
  const banner = page.getByRole('note').filter({ hasText: 'Rolled: this key retires at' });
  await expect(banner).toBeVisible();
  // Once the list shows the old key's new expiry (the page is rebuilt then, closing any dialog).
  await expect(page.getByRole('definition').filter({ hasText: /^in 6 days \(/ })).toHaveCount(1, { timeout: 10_000 });
  await banner.getByRole('button', { name: 'Retire now' }).click();
  const dialog = page.getByRole('dialog', { name: 'Retire the old key now?' });
  await expect(dialog).toContainText('whatever still uses it stops working');
  await dialog.getByRole('button', { name: 'Retire now' }).click();

  await expect.poll(() => readKey(old.value)).toBeNull();
  expect(settings((await readKey(created)).key)).toEqual(settings(old));
  expect((await readKey(created)).key.validity).toBe(0);
  expect(await emulator.keys()).toHaveLength(DEMO_KEY_COUNT);
  await expect(dialog).toBeHidden();
  await page.getByRole('link', { name: '← All keys' }).click();
  const tray = page.getByRole('region', { name: /Recently deleted/ });
  await expect(tray).toContainText(description);
  await expect(tray.getByRole('button', { name: /Restore/ })).toHaveCount(1);
});

for (const [description, expiry, grace, graceWords, graceS] of [
  ['Storefront autocomplete', /^never$/, '1 hour', 'in 1 h 0 min', 3_600],
  ['Contractor export (temporary)', /^in 2[45] days \(/, { amount: '90', unit: 'minutes' }, 'in 1 h 30 min', 5_400],
]) {
  test(`cancel puts the old key's expiry back (${description}) and leaves every other field as it was`, async ({ page }) => {
    const before = await readKey((await emulator.keyByDescription(description)).value);
    const old = before.key;
    await openRoll(page, description);
    await chooseGrace(page, grace);
    expect(await roll(page)).toContain(`the old ones stop working ${graceWords}`);
    await expect(tally(page)).toHaveText('1 rolled, 0 stopped part-way, 0 to go.', { timeout: 15_000 });
    const created = await lines(page).locator('code').textContent();
    await expect.poll(async () => {
      const { validity } = (await readKey(old.value)).key;
      return validity > graceS - 100 && validity <= graceS;
    }).toBe(true);
    await expect.poll(() => readKey(created)).not.toBeNull();

    await lines(page).getByRole('link', { name: new RegExp(description.replace(/[()]/g, '\\$&')) }).click();
    const banner = page.getByRole('note').filter({ hasText: 'Rolled: this key retires at' });
    await banner.getByRole('button', { name: 'Cancel the roll' }).click();

    if (before.expiresAt === null) {
      await expect.poll(async () => (await readKey(old.value)).key.validity).toBe(0);
    } else {
      await expect.poll(async () => (await readKey(old.value)).key.validity).toBeGreaterThan(graceS);
      const after = await readKey(old.value);
      expect(Math.abs(after.expiresAt - before.expiresAt)).toBeLessThan(3_000);
    }
    expect(settings((await readKey(old.value)).key)).toEqual(settings(old));
    // The new key stays: the cancel only gives the old one its life back.
    expect(settings((await readKey(created)).key)).toEqual(settings(old));
    expect(await emulator.keys()).toHaveLength(DEMO_KEY_COUNT + 1);
    await expect(banner).toBeHidden();
    await expect(page.getByRole('definition').filter({ hasText: expiry })).toHaveCount(1);
  });
}

// The second step (PUT /1/keys/<old>) fails on every host: refused outright, or with the
// connection dropped so that the console cannot know and reads the key back first.
for (const [fault, extra, why] of [
  ['status', { status: 400 }, 'Algolia refused the request (HTTP 400)'],
  ['drop', {}, 'the old key still has its old expiry'],
]) {
  test(`a roll whose second step fails (${fault}) is retried without a second new key`, async ({ page }) => {
    test.setTimeout(90_000);
    const description = 'Catalog indexer (backend)';
    const old = await emulator.keyByDescription(description);
    await openRoll(page, description);
    for (const listener of LISTENERS.keys()) {
      await emulator.fault(listener, fault, { ...extra, count: 50, method: 'PUT', pathContains: old.value });
    }
    await roll(page);

    const line = lines(page).filter({ hasText: description });
    await expect(tally(page)).toHaveText('0 rolled, 1 stopped part-way, 0 to go.', { timeout: 60_000 });
    await expect(line).toContainText('New key created, but the old key was not shortened:');
    await expect(line).toContainText(why);
    const created = await line.locator('code').textContent();
    expect(created).toMatch(/^[0-9a-f]{32}$/);
    await expect(page.getByRole('alert')).toContainText('0 of 1 key rolled; 1 stopped part-way. Retry does only the steps left.');
    // The new key exists; the old one still never expires.
    await expect.poll(() => readKey(created)).not.toBeNull();
    expect(await emulator.keys()).toHaveLength(DEMO_KEY_COUNT + 1);
    expect((await readKey(old.value)).key.validity).toBe(0);

    await emulator.clearFaults();
    const retriedAt = Date.now();
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(tally(page)).toHaveText('1 rolled, 0 stopped part-way, 0 to go.', { timeout: 15_000 });
    await expect(line).toContainText('Rolled: the old key retires at');
    await expect(line.locator('code')).toHaveText(created);

    // Still one new key, the same; the old key now retires after the grace period.
    await expect.poll(async () => (await readKey(old.value)).key.validity).toBeGreaterThan(0);
    const all = await emulator.keys();
    expect(all).toHaveLength(DEMO_KEY_COUNT + 1);
    const both = all.filter((k) => k.description === description);
    expect(both.map((k) => k.value).sort()).toEqual([old.value, created].sort());
    const retiring = await readKey(old.value);
    expect(Math.abs(retiring.expiresAt - (retriedAt + DAY_S * 1000))).toBeLessThan(15_000);
    expect(settings(retiring.key)).toEqual(settings(old));
    expect(settings((await readKey(created)).key)).toEqual(settings(old));
  });
}


// A key with less time left than the grace period: the roll is to retire it, so it must not make it
// live longer than it would have (the edit form calls an extended expiry a widening of access).
test('a roll never lengthens the life of a key that expires before the grace period ends', async ({ page }) => {
  const description = "Alice's dev key";
  const before = await readKey((await emulator.keyByDescription(description)).value);
  expect(before.key.validity).toBeGreaterThan(0);
  expect(before.key.validity).toBeLessThan(DAY_S);
  await openRoll(page, description);
  await expectGrace(page, '24 hours');
  await roll(page);
  await expect(tally(page)).toHaveText('1 rolled, 0 stopped part-way, 0 to go.', { timeout: 15_000 });
  const created = await lines(page).locator('code').textContent();
  await expect.poll(() => readKey(created)).not.toBeNull();
  // The new key has the time the old one had left.
  expect(Math.abs((await readKey(created)).expiresAt - before.expiresAt)).toBeLessThan(3_000);
  // Let any change to the old key propagate, then: it expires no later than it did.
  await page.waitForTimeout(1_000);
  const after = await readKey(before.key.value);
  expect(after.expiresAt).toBeLessThanOrEqual(before.expiresAt + 3_000);
});
