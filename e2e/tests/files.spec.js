// Key definitions exported to a file and imported from one.
import { readFile, writeFile } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import { APP_ID, STAGING_APP_ID } from '../support/constants.js';
import { connectBoth, resetEmulator, watchForErrors, DEMO_KEY_COUNT, openMore } from '../support/console.js';
import { emulator, stagingEmulator } from '../support/emulator.js';

test.beforeEach(resetEmulator);

/** Downloads the export with the options chosen, and returns the file's text. */
async function download(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/** Deletes every key of an application: an empty one to import into. */
async function empty(app) {
  for (const key of await app.keys()) {
    expect((await app.api('DELETE', `/1/keys/${key.value}`)).status).toBe(200);
  }
  await expect.poll(async () => (await app.keys()).length).toBe(0);
}

const entries = (text) => text.split('\n').filter((line) => line.startsWith('{"') && !line.startsWith('{"format"')).map((line) => line.replace(/,$/, ''));
const byDescription = (lines) => [...lines].sort((a, b) => JSON.parse(a).description.localeCompare(JSON.parse(b).description));

test('export then import into an empty application recreates the same definitions, byte for byte', async ({ page }, testInfo) => {
  const errors = watchForErrors(page);
  await connectBoth(page);
  await page.goto(`apps/${APP_ID}/keys`);
  await openMore(page, 'Export');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Export \d+ key definitions from prod$/);
  const exported = await download(page);
  expect(exported.name).toMatch(new RegExp(`^keys-${APP_ID}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
  const header = JSON.parse(exported.text);
  expect(header).toMatchObject({ format: 'algolia-keys-console/definitions', version: 1, application: APP_ID });
  // No key values unless asked for.
  for (const key of await emulator.keys()) expect(exported.text).not.toContain(key.value);
  const original = entries(exported.text);
  expect(original.length).toBeGreaterThan(DEMO_KEY_COUNT - 3);

  await empty(stagingEmulator);
  const path = testInfo.outputPath('prod.json');
  await writeFile(path, exported.text);
  await page.goto(`apps/${STAGING_APP_ID}/import`);
  await page.getByLabel('Definitions file').setInputFiles(path);
  await expect(page.getByText(`prod.json: ${original.length} keys to create.`)).toBeVisible();
  await page.getByRole('button', { name: `Create ${original.length} keys in staging (${STAGING_APP_ID})` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'created,' })).toHaveText(`${original.length} created, 0 failed, 0 to go.`, { timeout: 30_000 });
  await expect.poll(async () => (await stagingEmulator.keys()).length).toBe(original.length);

  // Exported again from staging: every field as it was, validity counted down by the time between.
  await page.getByRole('link', { name: 'Open the keys of staging' }).click();
  await openMore(page, 'Export');
  const again = byDescription(entries((await download(page)).text));
  const before = byDescription(original);
  expect(again).toHaveLength(before.length);
  for (let i = 0; i < before.length; i++) {
    const [was, now] = [JSON.parse(before[i]), JSON.parse(again[i])];
    if (was.validity === 0) {
      expect(again[i]).toBe(before[i]);
    } else {
      expect(now.validity).toBeLessThanOrEqual(was.validity);
      expect(now.validity).toBeGreaterThan(was.validity - 120);
      expect(again[i].replace(/"validity":\d+/, '')).toBe(before[i].replace(/"validity":\d+/, ''));
    }
  }
  expect(errors).toEqual([]);
});

test('values only when asked, with a warning; CSV for spreadsheets', async ({ page }) => {
  await connectBoth(page);
  await page.goto(`apps/${APP_ID}/export`);
  await page.getByLabel('Include the key values').check();
  await expect(page.getByRole('note')).toContainText('The file will hold the keys themselves');
  const withValues = await download(page);
  const bob = await emulator.keyByDescription("Bob's dev key");
  expect(withValues.text).toContain(`{"value":"${bob.value}",`);
  await page.getByLabel('Include the key values').uncheck();
  await page.getByLabel('CSV (for spreadsheets)').check();
  const csv = await download(page);
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.text.split('\r\n')[0]).toBe('description,acl,indexes,referers,queryParameters,maxHitsPerQuery,maxQueriesPerIPPerHour,validity,otherFields');
  expect(csv.text).toContain("Bob's dev key,search addObject,dev_bob_*,");
  expect(csv.text).not.toContain(bob.value);
});

test('a malformed import names the entry and the field, and creates nothing', async ({ page }, testInfo) => {
  await connectBoth(page);
  const path = testInfo.outputPath('bad.json');
  await writeFile(path, JSON.stringify({
    format: 'algolia-keys-console/definitions',
    version: 1,
    keys: [
      { acl: ['search'], description: 'Fine' },
      { acl: ['search'], description: 'Bad pattern', indexes: ['pr*od'] },
      { acl: 'search', description: 'Bad type' },
    ],
  }));
  await page.goto(`apps/${STAGING_APP_ID}/import`);
  const before = (await stagingEmulator.keys()).length;
  await page.getByLabel('Definitions file').setInputFiles(path);
  const alert = page.getByRole('alert').filter({ hasText: 'Nothing will be created' });
  await expect(alert).toContainText('Key 2 (“Bad pattern”): indexes:');
  await expect(alert).toContainText('Key 3: acl: expected a list of texts');
  await expect(page.getByRole('button', { name: /^Create/ })).toHaveCount(0);
  expect((await stagingEmulator.keys()).length).toBe(before);

  // An entry like an existing key is pointed out before anything is created.
  const existing = await stagingEmulator.keyByDescription('Staging smoke tests');
  const { value, createdAt, ...definition } = existing;
  const likePath = testInfo.outputPath('like.json');
  await writeFile(likePath, JSON.stringify({ format: 'algolia-keys-console/definitions', version: 1, keys: [definition] }));
  await page.getByLabel('Definitions file').setInputFiles(likePath);
  await expect(page.getByRole('list', { name: 'Keys in the file' })).toContainText('Looks like the existing key “Staging smoke tests”.');
});
