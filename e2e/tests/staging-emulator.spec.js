// The harness's second application: the staging emulator is up with its own credentials and demo,
// and resetEmulator() puts both applications back.
import { test, expect } from '@playwright/test';
import { ADMIN_KEY, APP_ID, STAGING_HOSTS } from '../support/constants.js';
import { resetEmulator, DEMO_KEY_COUNT, STAGING_DEMO_KEY_COUNT } from '../support/console.js';
import { emulator, stagingEmulator } from '../support/emulator.js';

test.beforeEach(resetEmulator);

test('the staging application is its own, with the staging demo', async () => {
  const [production, staging] = [await emulator.keys(), await stagingEmulator.keys()];
  expect([production.length, staging.length]).toEqual([DEMO_KEY_COUNT, STAGING_DEMO_KEY_COUNT]);
  const shared = staging.filter((s) => production.some((p) => p.description === s.description));
  expect(shared).toHaveLength(23);
  expect(staging.some((s) => production.some((p) => p.value === s.value))).toBe(false);

  const wrongApp = await fetch(`${STAGING_HOSTS[0]}/1/keys`, {
    headers: { 'x-algolia-application-id': APP_ID, 'x-algolia-api-key': ADMIN_KEY },
  });
  expect(wrongApp.status).toBe(403);
});

test('resetEmulator resets both applications', async () => {
  for (const app of [emulator, stagingEmulator]) {
    const created = await app.api('POST', '/1/keys', { acl: ['search'], description: 'made by a test' });
    expect(created.status).toBe(200);
  }
  await resetEmulator();
  expect(await emulator.keys()).toHaveLength(DEMO_KEY_COUNT);
  expect(await stagingEmulator.keys()).toHaveLength(STAGING_DEMO_KEY_COUNT);
});
