// Steps a person takes in the console, found by role and label.
import { expect } from '@playwright/test';
import {
  ADMIN_KEY, APP_ID, HOSTS, STAGING_ADMIN_KEY, STAGING_APP_ID, STAGING_HOSTS,
} from './constants.js';
import { emulator, stagingEmulator } from './emulator.js';

export const DEMO_KEY_COUNT = 31;
// The staging demo's keys (`--demo staging`): 23 of their descriptions are in the production demo.
export const STAGING_DEMO_KEY_COUNT = 29;

/** Fails the test on any uncaught error in the page: a wasm start-up failure shows only there. */
export function watchForErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function fillConnectForm(page, { appId = APP_ID, apiKey = ADMIN_KEY, hosts = HOSTS, label, idleMinutes } = {}) {
  await page.getByLabel('Application ID').fill(appId);
  await page.getByLabel('Admin API key').fill(apiKey);
  if (label !== undefined) await page.getByLabel('Label').fill(label);
  await page.getByText('Advanced').click();
  await page.getByLabel('Custom hosts').fill(hosts.join('\n'));
  if (idleMinutes !== undefined) {
    await page.getByLabel('Lock after this many idle minutes').fill(String(idleMinutes));
  }
}

/** Connects with the admin key and waits for the demo keys. */
export async function connect(page, options) {
  await page.goto('./');
  await fillConnectForm(page, options);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);
}

/** Connects prod, then adds staging through the header's "Add application". */
export async function connectBoth(page) {
  await connect(page, { label: 'prod' });
  await page.getByRole('link', { name: 'Add application' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add an Algolia application');
  await fillConnectForm(page, { appId: STAGING_APP_ID, apiKey: STAGING_ADMIN_KEY, hosts: STAGING_HOSTS, label: 'staging' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const count = STAGING_DEMO_KEY_COUNT;
  await expect(page.getByRole('status')).toHaveText(`${count} of ${count} keys`);
}

export function keyRows(page) {
  return page.getByRole('table', { name: 'API keys' }).locator('tbody tr:not(.spacer)');
}

/** The table renders only the rows in view, so a person looking for a key searches for it. */
export async function findRow(page, description) {
  await page.getByRole('searchbox', { name: 'Search keys' }).fill(description);
  const row = keyRows(page).filter({ has: page.getByRole('link', { name: description, exact: true }) });
  await expect(row).toHaveCount(1);
  return row;
}

/** Both applications back to their demo state, without scripted faults. */
export async function resetEmulator() {
  for (const app of [emulator, stagingEmulator]) {
    await app.clearFaults();
    await app.reset();
  }
}

/** Opens one of the keys page's less frequent pages, behind its "More" menu. */
export async function openMore(page, name) {
  await page.getByText('More', { exact: true }).click();
  await page.getByRole('link', { name, exact: true }).click();
}
