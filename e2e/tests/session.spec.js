import { test, expect } from '@playwright/test';
import { ADMIN_KEY } from '../support/constants.js';
import { connect, resetEmulator, DEMO_KEY_COUNT } from '../support/console.js';

test.beforeEach(resetEmulator);

const storage = (page) => page.evaluate(() => ({ ...sessionStorage }));

test('the session survives a reload of the tab', async ({ page }) => {
  await connect(page);
  await page.reload();
  await expect(page.getByRole('status')).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);
});

test('sign out forgets everything', async ({ page }) => {
  await connect(page);
  expect(JSON.stringify(await storage(page))).toContain(ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Connect to an Algolia application' })).toBeVisible();
  expect(await storage(page)).toEqual({});
  await page.goto('apps/E2EAPP/keys');
  await expect(page.getByRole('heading', { name: 'Application not connected' })).toBeVisible();
  await page.getByRole('link', { name: 'Connect an application' }).click();
  await expect(page.getByRole('heading', { name: 'Add an Algolia application' })).toBeVisible();
});

test('the session locks itself when idle and asks for the key again', async ({ page }) => {
  await page.clock.install();
  await connect(page);
  await page.clock.fastForward('14:00');
  await expect(page.getByRole('status')).toBeVisible();
  await page.clock.fastForward('01:10');
  await expect(page.getByRole('heading', { name: 'Session locked' })).toBeVisible();
  expect(JSON.stringify(await storage(page))).not.toContain(ADMIN_KEY);
  await expect(page.getByRole('table')).toHaveCount(0);

  await page.getByLabel('Admin API key').fill('wrong-key');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByLabel('Admin API key')).toHaveAccessibleDescription(/wrong/);
  await page.getByLabel('Admin API key').fill(ADMIN_KEY);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('status')).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);
});

test('activity keeps the session open, and the idle time is configurable', async ({ page }) => {
  await page.clock.install();
  await connect(page, { idleMinutes: 2 });
  await page.clock.fastForward('01:30');
  await page.getByRole('searchbox', { name: 'Search keys' }).press('a');
  await page.clock.fastForward('01:30');
  await expect(page.getByRole('status')).toBeVisible();
  await page.clock.fastForward('00:40');
  await expect(page.getByRole('heading', { name: 'Session locked' })).toBeVisible();
});
